// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace nfviz {

// A scenario's title and introduction, in a card at the top left of the diagram after the
// scenario is loaded: what the walk-through is about before the first step. Closes with its
// button, when something else is loaded, and when presentation mode starts.
class IntroductionCard : public QFrame
{
    Q_OBJECT
public:
    explicit IntroductionCard(QWidget *parent = nullptr);

    void showText(const QString &title, const QString &introduction);
    QString titleText() const;
    QString introductionText() const;
    void place();

Q_SIGNALS:
    void presentRequested();

private:
    QLabel *m_title;
    QLabel *m_text;
};

} // namespace nfviz
