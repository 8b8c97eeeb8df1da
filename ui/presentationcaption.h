// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>

class QLabel;

namespace nfviz {

class ProgressDots;

// The caption bar along the bottom of the diagram in presentation mode: which hop this is and
// where, the hop's explanation in large type, the packet's summary, and one dot per hop (filled
// up to the current one, hollow for steps no trace line shows). White on near-black, sized from
// the screen height so the last row of a training room can read it.
class PresentationCaption : public QWidget
{
    Q_OBJECT
public:
    explicit PresentationCaption(QWidget *parent = nullptr);

    // `observed` has one entry per hop; `current` is 0-based, -1 for none, or hop count for
    // "the whole path".
    void setContent(const QString &header, const QString &explanation, const QString &summary,
        const QList<bool> &observed, int current);
    // Sizes the type for a screen (or window) of this height.
    void setScreenHeight(int pixels);

    QString headerText() const;
    QString explanationText() const;
    QString summaryText() const;
    int dotCount() const;
    int currentDot() const;
    QFont explanationFont() const;

    QSize sizeHint() const override;
    int heightForWidth(int width) const override;
    bool hasHeightForWidth() const override { return true; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_header;
    QLabel *m_explanation;
    QLabel *m_summary;
    ProgressDots *m_dots;
};

} // namespace nfviz
