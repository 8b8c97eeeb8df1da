// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentationcaption.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>

namespace nfviz {

namespace {
const QColor captionBackground(0x00, 0x00, 0x00, 0xE6);
const QColor captionText(0xFF, 0xFF, 0xFF);
const QColor captionDetail(0xD0, 0xD0, 0xD0);
const QColor accent(0xFF, 0xD4, 0x00); // the high-contrast theme's path colour
} // namespace

// One dot per hop. Many hops (a flooded frame can have forty) shrink the dots rather than
// wrap them, so the bar keeps one height.
class ProgressDots : public QWidget
{
public:
    explicit ProgressDots(QWidget *parent)
        : QWidget(parent)
    {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }

    void set(const QList<bool> &observed, int current)
    {
        m_observed = observed;
        m_current = current;
        update();
    }
    void setDiameter(int diameter)
    {
        m_diameter = diameter;
        setFixedHeight(diameter * 2);
        update();
    }
    int count() const { return int(m_observed.size()); }
    int current() const { return m_current; }

protected:
    void paintEvent(QPaintEvent *) override
    {
        if (m_observed.isEmpty())
            return;
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const int n = int(m_observed.size());
        const double gap = std::min<double>(m_diameter * 1.9, double(width() - m_diameter * 2) / std::max(1, n - 1));
        const double d = std::min<double>(m_diameter, gap * 0.8);
        const double y = height() / 2.0;
        const bool whole = m_current >= n;
        for (int i = 0; i < n; ++i) {
            const QPointF centre(m_diameter + i * gap, y);
            const bool done = whole || i <= m_current;
            const bool here = i == m_current;
            const double r = (here ? d * 0.75 : d / 2) - 1;
            QPen pen(here ? accent : captionText, std::max(1.5, d / 7));
            painter.setPen(pen);
            if (done)
                painter.setBrush(m_observed.at(i) ? (here || whole ? accent : captionText) : QColor(0x60, 0x60, 0x60));
            else
                painter.setBrush(Qt::NoBrush);
            if (!m_observed.at(i)) {
                pen.setStyle(Qt::DotLine);
                painter.setPen(pen);
            }
            painter.drawEllipse(centre, r, r);
        }
    }

private:
    QList<bool> m_observed;
    int m_current = -1;
    int m_diameter = 14;
};

PresentationCaption::PresentationCaption(QWidget *parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_dots(new ProgressDots(this))
{
    setObjectName(QStringLiteral("presentationCaption"));
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    for (QLabel *label : { m_header, m_explanation, m_summary }) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        // The view's background role (Base) would otherwise make the labels draw in Text colour.
        label->setForegroundRole(QPalette::WindowText);
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText,
            label == m_header        ? accent
                : label == m_summary ? captionDetail
                                     : captionText);
        label->setPalette(palette);
    }
    m_explanation->setObjectName(QStringLiteral("captionExplanation"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_explanation);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 3);
    bottom->addWidget(m_dots, 2);
    layout->addLayout(bottom);
    setScreenHeight(1080);
}

void PresentationCaption::setScreenHeight(int pixels)
{
    // About 30 px on a 1080-line projector: 3 % of the picture height, readable at ten metres.
    const int body = std::clamp(pixels / 36, 16, 64);
    QFont font = this->font();
    font.setPixelSize(body);
    m_explanation->setFont(font);
    font.setPixelSize(std::max(12, body * 7 / 10));
    font.setBold(true);
    m_header->setFont(font);
    font.setBold(false);
    font.setPixelSize(std::max(11, body * 6 / 10));
    m_summary->setFont(font);
    m_dots->setDiameter(std::max(8, body / 2));
    const int margin = body * 3 / 4;
    layout()->setContentsMargins(margin * 2, margin, margin * 2, margin);
    layout()->setSpacing(body / 4);
    updateGeometry();
}

void PresentationCaption::setContent(
    const QString &header, const QString &explanation, const QString &summary, const QList<bool> &observed, int current)
{
    m_header->setText(header);
    m_explanation->setText(explanation);
    m_summary->setText(summary);
    m_dots->set(observed, current);
    updateGeometry();
}

QString PresentationCaption::headerText() const
{
    return m_header->text();
}

QString PresentationCaption::explanationText() const
{
    return m_explanation->text();
}

QString PresentationCaption::summaryText() const
{
    return m_summary->text();
}

int PresentationCaption::dotCount() const
{
    return m_dots->count();
}

int PresentationCaption::currentDot() const
{
    return m_dots->current();
}

QFont PresentationCaption::explanationFont() const
{
    return m_explanation->font();
}

QSize PresentationCaption::sizeHint() const
{
    const int w = parentWidget() ? parentWidget()->width() : 800;
    return { w, heightForWidth(w) };
}

int PresentationCaption::heightForWidth(int width) const
{
    return layout()->totalHeightForWidth(width);
}

void PresentationCaption::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), captionBackground);
    painter.setPen(QPen(accent, 3));
    painter.drawLine(rect().topLeft() + QPoint(0, 1), rect().topRight() + QPoint(0, 1));
}

} // namespace nfviz
