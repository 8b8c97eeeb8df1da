// SPDX-License-Identifier: GPL-3.0-or-later
#include "introductioncard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace nfviz {

IntroductionCard::IntroductionCard(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("introductionCard"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont font = m_title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.3);
    m_title->setFont(font);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *present = new QPushButton(tr("Present (F5)"), this);
    present->setToolTip(tr("Walk the room through this packet's path, full screen"));
    connect(present, &QPushButton::clicked, this, &IntroductionCard::presentRequested);
    auto *close = new QPushButton(tr("Close"), this);
    connect(close, &QPushButton::clicked, this, &QWidget::hide);
    for (QPushButton *button : { present, close })
        button->setFocusPolicy(Qt::NoFocus);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(present);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    hide();
}

void IntroductionCard::showText(const QString &title, const QString &introduction)
{
    m_title->setText(title);
    m_text->setText(introduction);
    place();
    show();
    raise();
}

QString IntroductionCard::titleText() const
{
    return m_title->text();
}

QString IntroductionCard::introductionText() const
{
    return m_text->text();
}

void IntroductionCard::place()
{
    if (!parentWidget())
        return;
    const int width = std::min(460, parentWidget()->width() - 24);
    const int height = layout()->totalHeightForWidth(width);
    setGeometry(12, 12, width, height);
}

} // namespace nfviz
