// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <QHash>
#include <QPalette>
#include <QString>
#include <QStringList>

namespace nfviz {

// The colours and fonts the diagram is drawn with. Box colours are looked up by the model's
// colour class ("category"), never by node id, so the scene stays data-driven. The category
// hues are the Okabe–Ito set, which stays distinguishable under the common colour-vision
// deficiencies; box shapes repeat the kind so colour is never the only cue.
class Theme
{
public:
    static Theme light();
    static Theme dark();
    // "light" or "dark"; anything else falls back to light.
    static Theme byName(const QString &name);
    static QStringList names();

    QString name;
    bool isDark = false;

    QColor background;
    QColor bandFill[2]; // alternating layer bands
    QColor bandText;
    QColor pathHeaderText;
    QColor nodeText;
    QColor nodeBorder;
    QColor edge;
    QColor pathColour; // the selected packet's boxes and edges
    QColor inferredColour; // steps no trace line shows
    QColor currentColour; // the box the token is at
    QColor dropColour;
    QColor badgeText;
    QColor tokenFill;
    QColor tokenText;
    QColor legendFill;
    QColor legendBorder;
    double dimOpacity = 0.28;

    // Fill for a model colour class; unknown classes get a neutral grey.
    QColor categoryFill(const QString &category) const;
    // The saturated hue of a class (legend swatch border, token accents).
    QColor categoryHue(const QString &category) const;
    // Legend wording for a class, e.g. "ebtables chain".
    static QString categoryTitle(const QString &category);
    // The classes in legend order.
    static QStringList categoryOrder();

    // Fonts in scene units (pixel sizes, no hinting), so text scales exactly with the drawing
    // on screen, in SVG and in PDF alike.
    QFont titleFont() const;
    // Box titles are drawn narrowed by this factor (a painter scale, so SVG and PDF keep it): it
    // lets "POSTROUTING" fit a box at a size that stays legible when the whole diagram fits a
    // small screen.
    static constexpr double titleNarrowing = 0.86;
    QFont subtitleFont() const;
    QFont bandFont() const;
    QFont badgeFont() const;
    QFont tokenFont() const;
    QFont legendFont() const;

    // A widget palette to match (the app switches QApplication's palette with the theme).
    QPalette widgetPalette() const;

private:
    QHash<QString, QColor> m_hues;
    double m_tint = 0.35; // share of the hue in a box fill; the rest is the background
};

} // namespace nfviz
