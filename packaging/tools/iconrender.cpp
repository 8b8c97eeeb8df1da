// SPDX-License-Identifier: GPL-3.0-or-later
// nfviz-iconrender: draws the scalable icon into the PNG sizes the icon theme wants, with Qt's own
// SVG renderer, so the build needs no converter beyond Qt and works offline.
// Usage: nfviz-iconrender ICON.svg OUTDIR NAME SIZE... → OUTDIR/<SIZE>x<SIZE>/apps/NAME.png
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 5) {
        err << "usage: nfviz-iconrender ICON.svg OUTDIR NAME SIZE...\n";
        return 64;
    }
    QSvgRenderer renderer(arguments.at(1));
    if (!renderer.isValid()) {
        err << "nfviz-iconrender: " << arguments.at(1) << " is not a valid SVG file\n";
        return 1;
    }
    for (const QString &sizeText : arguments.mid(4)) {
        bool ok = false;
        const int size = sizeText.toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            err << "nfviz-iconrender: \"" << sizeText << "\" is not a size in pixels (8-1024)\n";
            return 64;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        const QString folder = arguments.at(2) + u'/' + sizeText + u'x' + sizeText + QStringLiteral("/apps");
        const QString file = folder + u'/' + arguments.at(3) + QStringLiteral(".png");
        if (!QDir().mkpath(folder) || !image.save(file, "PNG")) {
            err << "nfviz-iconrender: " << file << " cannot be written\n";
            return 1;
        }
    }
    return 0;
}
