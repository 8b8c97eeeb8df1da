// SPDX-License-Identifier: GPL-3.0-or-later
#include "sceneexport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace nfviz {

namespace {

// Item caches hold pixels; an export must paint the items themselves, or SVG and PDF would
// receive bitmaps instead of shapes and text.
class CacheSuspender
{
public:
    explicit CacheSuspender(QGraphicsScene *scene)
    {
        const QList<QGraphicsItem *> items = scene->items();
        for (QGraphicsItem *item : items) {
            if (item->cacheMode() != QGraphicsItem::NoCache) {
                m_saved.append({ item, item->cacheMode() });
                item->setCacheMode(QGraphicsItem::NoCache);
            }
        }
    }
    ~CacheSuspender()
    {
        for (const auto &saved : std::as_const(m_saved))
            saved.first->setCacheMode(saved.second);
    }
    CacheSuspender(const CacheSuspender &) = delete;
    CacheSuspender &operator=(const CacheSuspender &) = delete;

private:
    QList<QPair<QGraphicsItem *, QGraphicsItem::CacheMode>> m_saved;
};

} // namespace

void paintSceneRegion(QGraphicsScene *scene, QPainter *painter, const QRectF &target, const QRectF &region)
{
    CacheSuspender suspend(scene);
    painter->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    painter->fillRect(target, scene->backgroundBrush());
    scene->render(painter, target, region, Qt::KeepAspectRatio);
}

QStringList exportFormats()
{
    return { QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("pdf") };
}

bool exportScene(QGraphicsScene *scene, const QRectF &region, const QString &path, QSize size, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!scene || region.isEmpty())
        return fail(QCoreApplication::translate("nfviz", "nothing to export"));
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (!exportFormats().contains(suffix))
        return fail(QCoreApplication::translate("nfviz", "unknown image format \"%1\": use .svg, .png or .pdf")
                        .arg(QFileInfo(path).suffix()));
    if (size.isEmpty()) {
        const double factor = suffix == u"png" ? 2.0 : 1.0;
        size = (region.size() * factor).toSize();
    }
    if (size.width() > 32768 || size.height() > 32768)
        return fail(
            QCoreApplication::translate("nfviz", "image size %1×%2 is too large").arg(size.width()).arg(size.height()));

    const QRectF target(QPointF(0, 0), QSizeF(size));

    if (suffix == u"png") {
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(scene->backgroundBrush().color());
        {
            QPainter painter(&image);
            paintSceneRegion(scene, &painter, target, region);
        }
        if (!image.save(path, "PNG"))
            return fail(QCoreApplication::translate("nfviz", "cannot write %1").arg(path));
        return true;
    }

    if (suffix == u"svg") {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(QStringLiteral("nfviz packet-flow diagram"));
        generator.setDescription(QStringLiteral("Netfilter and bridge packet flow, drawn by nfviz"));
        QPainter painter;
        if (!painter.begin(&generator))
            return fail(QCoreApplication::translate("nfviz", "cannot write %1").arg(path));
        paintSceneRegion(scene, &painter, target, region);
        painter.end();
        if (!QFileInfo(path).exists())
            return fail(QCoreApplication::translate("nfviz", "cannot write %1").arg(path));
        return true;
    }

    QPdfWriter writer(path);
    writer.setResolution(96);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point, QString(), QPageSize::ExactMatch));
    writer.setTitle(QStringLiteral("nfviz packet-flow diagram"));
    writer.setCreator(QStringLiteral("nfviz"));
    QPainter painter;
    if (!painter.begin(&writer))
        return fail(QCoreApplication::translate("nfviz", "cannot write %1").arg(path));
    paintSceneRegion(scene, &painter, QRectF(0, 0, writer.width(), writer.height()), region);
    painter.end();
    return true;
}

} // namespace nfviz
