// SPDX-License-Identifier: GPL-3.0-or-later
// What the presentation suites share: a window with a bundled scenario loaded, and pictures
// of what the tests saw when NFVIZ_TEST_SHOTS names a folder (for looking at the result).
#pragma once

#include "mainwindow.h"
#include "packetplayer.h"
#include "scenariosession.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

namespace nfviz::testing {

inline bool waitLoaded(MainWindow &window, int timeout = 20000)
{
    if (!window.isLoading())
        return true;
    QSignalSpy finished(&window, &MainWindow::loadingFinished);
    return finished.wait(timeout);
}

// Shows the window and loads a bundled scenario; the first packet is selected at hop 0.
inline bool showScenario(MainWindow &window, const QString &id)
{
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    // Window shortcuts (F5, and Space outside presentation mode) need the active window.
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        return false;
    if (!window.scenarios()->loadBuiltin(id))
        return false;
    return waitLoaded(window) && window.player()->hasPacket();
}

inline void saveShot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("NFVIZ_TEST_SHOTS");
    if (folder.isEmpty() || !widget)
        return;
    QDir().mkpath(folder);
    // Let pending layouts and resizes (full screen, the caption) settle as they would on screen.
    QTest::qWait(100);
    widget->grab().save(folder + u'/' + name + QStringLiteral(".png"));
}

// True when the text has a CJK ideograph (the Chinese catalog is in use).
inline bool hasChinese(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF)
            return true;
    }
    return false;
}

} // namespace nfviz::testing
