// SPDX-License-Identifier: GPL-3.0-or-later
#include "theme.h"

#include <QApplication>
#include <QCoreApplication>
#include <QStyle>

namespace nfviz {

namespace {

// Okabe & Ito, "Color Universal Design" (2008).
const QColor okabeOrange(0xE6, 0x9F, 0x00);
const QColor okabeSkyBlue(0x56, 0xB4, 0xE9);
const QColor okabeGreen(0x00, 0x9E, 0x73);
const QColor okabeYellow(0xF0, 0xE4, 0x42);
const QColor okabeBlue(0x00, 0x72, 0xB2);
const QColor okabeVermillion(0xD5, 0x5E, 0x00);
const QColor okabePurple(0xCC, 0x79, 0xA7);

QColor mix(const QColor &a, const QColor &b, double shareOfA)
{
    const double s = shareOfA;
    return QColor::fromRgbF(float(a.redF() * s + b.redF() * (1 - s)), float(a.greenF() * s + b.greenF() * (1 - s)),
        float(a.blueF() * s + b.blueF() * (1 - s)));
}

QHash<QString, QColor> categoryHues(bool dark)
{
    return {
        { QStringLiteral("ebtables"), okabeGreen },
        { QStringLiteral("bridge-ip"), okabeSkyBlue },
        { QStringLiteral("ip"), okabeBlue },
        { QStringLiteral("conntrack"), okabeYellow },
        { QStringLiteral("decision"), dark ? QColor(0xB0, 0xB0, 0xB0) : QColor(0x9A, 0x9A, 0x9A) },
        { QStringLiteral("device"), dark ? QColor(0x80, 0x80, 0x80) : QColor(0x6E, 0x6E, 0x6E) },
        { QStringLiteral("process"), okabePurple },
        { QStringLiteral("xfrm"), okabeOrange },
    };
}

QFont sceneFont(int pixelSize, bool bold = false)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    // Hinting snaps glyphs to the device grid, so widths measured at one zoom would not match
    // another; unhinted text keeps the layout identical at every scale and in every format.
    font.setHintingPreference(QFont::PreferNoHinting);
    font.setStyleStrategy(QFont::PreferAntialias);
    return font;
}

} // namespace

Theme Theme::light()
{
    Theme t;
    t.name = QStringLiteral("light");
    t.isDark = false;
    t.background = QColor(0xFF, 0xFF, 0xFF);
    t.bandFill[0] = QColor(0xF4, 0xF6, 0xF8);
    t.bandFill[1] = QColor(0xEA, 0xEE, 0xF2);
    t.bandText = QColor(0x5A, 0x63, 0x6E);
    t.pathHeaderText = QColor(0x3C, 0x44, 0x4E);
    t.nodeText = QColor(0x12, 0x12, 0x12);
    t.nodeBorder = QColor(0x4A, 0x4A, 0x4A);
    t.edge = QColor(0x70, 0x78, 0x82);
    t.pathColour = okabeVermillion;
    t.inferredColour = QColor(0xA0, 0x50, 0x10);
    t.currentColour = QColor(0x00, 0x00, 0x00);
    t.dropColour = QColor(0xB0, 0x00, 0x30);
    t.badgeText = QColor(0xFF, 0xFF, 0xFF);
    t.tokenFill = QColor(0x1F, 0x2A, 0x36);
    t.tokenText = QColor(0xFF, 0xFF, 0xFF);
    t.legendFill = QColor(0xFF, 0xFF, 0xFF, 0xE8);
    t.legendBorder = QColor(0xB8, 0xBF, 0xC6);
    t.dimOpacity = 0.3;
    t.m_hues = categoryHues(false);
    t.m_tint = 0.38;
    return t;
}

Theme Theme::dark()
{
    Theme t;
    t.name = QStringLiteral("dark");
    t.isDark = true;
    t.background = QColor(0x1B, 0x1E, 0x22);
    t.bandFill[0] = QColor(0x22, 0x26, 0x2B);
    t.bandFill[1] = QColor(0x28, 0x2D, 0x33);
    t.bandText = QColor(0x9A, 0xA4, 0xAF);
    t.pathHeaderText = QColor(0xC4, 0xCC, 0xD4);
    t.nodeText = QColor(0xF2, 0xF2, 0xF2);
    t.nodeBorder = QColor(0xA8, 0xB0, 0xB8);
    t.edge = QColor(0x8A, 0x94, 0x9E);
    t.pathColour = QColor(0xFF, 0xA0, 0x40);
    t.inferredColour = QColor(0xE0, 0xB0, 0x70);
    t.currentColour = QColor(0xFF, 0xFF, 0xFF);
    t.dropColour = QColor(0xFF, 0x50, 0x70);
    t.badgeText = QColor(0x10, 0x10, 0x10);
    t.tokenFill = QColor(0xF0, 0xF0, 0xF0);
    t.tokenText = QColor(0x10, 0x10, 0x10);
    t.legendFill = QColor(0x22, 0x26, 0x2B, 0xE8);
    t.legendBorder = QColor(0x50, 0x58, 0x60);
    t.dimOpacity = 0.3;
    t.m_hues = categoryHues(true);
    t.m_tint = 0.42;
    return t;
}

Theme Theme::byName(const QString &name)
{
    return name == u"dark" ? dark() : light();
}

QStringList Theme::names()
{
    return { QStringLiteral("light"), QStringLiteral("dark") };
}

QColor Theme::categoryHue(const QString &category) const
{
    return m_hues.value(category, QColor(0x90, 0x90, 0x90));
}

QColor Theme::categoryFill(const QString &category) const
{
    return mix(categoryHue(category), background, m_tint);
}

QString Theme::categoryTitle(const QString &category)
{
    if (category == u"ebtables")
        return QCoreApplication::translate("nfviz::Theme", "ebtables chain");
    if (category == u"bridge-ip")
        return QCoreApplication::translate("nfviz::Theme", "IP chain run from the bridge");
    if (category == u"ip")
        return QCoreApplication::translate("nfviz::Theme", "IP-stack chain");
    if (category == u"conntrack")
        return QCoreApplication::translate("nfviz::Theme", "conntrack");
    if (category == u"decision")
        return QCoreApplication::translate("nfviz::Theme", "decision");
    if (category == u"device")
        return QCoreApplication::translate("nfviz::Theme", "device step");
    if (category == u"process")
        return QCoreApplication::translate("nfviz::Theme", "local process");
    if (category == u"xfrm")
        return QCoreApplication::translate("nfviz::Theme", "IPsec (xfrm) step");
    return category;
}

QStringList Theme::categoryOrder()
{
    return { QStringLiteral("ebtables"), QStringLiteral("bridge-ip"), QStringLiteral("ip"), QStringLiteral("conntrack"),
        QStringLiteral("decision"), QStringLiteral("device"), QStringLiteral("process"), QStringLiteral("xfrm") };
}

QFont Theme::titleFont() const
{
    return sceneFont(10);
}

QFont Theme::subtitleFont() const
{
    return sceneFont(8);
}

QFont Theme::bandFont() const
{
    return sceneFont(10, true);
}

QFont Theme::badgeFont() const
{
    return sceneFont(8, true);
}

QFont Theme::tokenFont() const
{
    return sceneFont(9, true);
}

QFont Theme::legendFont() const
{
    return sceneFont(9);
}

QPalette Theme::widgetPalette() const
{
    if (!isDark)
        return QApplication::style() ? QApplication::style()->standardPalette() : QPalette();
    QPalette p;
    const QColor window(0x2B, 0x2F, 0x34);
    const QColor base(0x1F, 0x22, 0x26);
    const QColor text(0xE8, 0xE8, 0xE8);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xFF, 0x60, 0x60));
    p.setColor(QPalette::Link, QColor(0x56, 0xB4, 0xE9));
    p.setColor(QPalette::Highlight, QColor(0x2F, 0x6E, 0xA8));
    p.setColor(QPalette::HighlightedText, QColor(0xFF, 0xFF, 0xFF));
    p.setColor(QPalette::Disabled, QPalette::Text, disabled);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    return p;
}

} // namespace nfviz
