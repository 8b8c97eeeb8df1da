// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packet.h"

#include <QObject>
#include <QPointer>
#include <QRectF>

class QAction;
class QKeyEvent;
class QScreen;
class QWidget;

namespace nfviz {

class AnnotationLayer;
class DiagramModel;
class MainWindow;
class PresentationCamera;
class PresentationCaption;
class PresentationOverlay;
class PresenterView;

// Presentation mode (F5) on the main window: full screen, every panel, tool bar, menu and the
// status bar hidden, the high-contrast theme, a caption bar with the current hop's explanation,
// and a camera that follows the packet and pulls back to the whole path at its end. It takes
// the keys presenter clickers send (Right/Left, Page Down/Up, Space; B or "." to blank; Esc to
// leave), P to play the rest of the path, a spotlight while S is held, pen annotations (D to
// draw, C to clear), and opens the presenter view on the other screen when there are two.
// Leaving restores the window exactly.
// Owned by the window; shares its scene, view and player.
class PresentationController : public QObject
{
    Q_OBJECT
public:
    explicit PresentationController(MainWindow *window);
    ~PresentationController() override;

    bool isPresenting() const { return m_presenting; }
    // The View menu's entries: Presentation (F5) and Presenter View.
    QAction *presentAction() const { return m_presentAction; }
    QAction *presenterViewAction() const { return m_presenterViewAction; }

    PresentationCaption *caption() const { return m_caption; }
    PresentationOverlay *overlay() const { return m_overlay; }
    PresentationCamera *camera() const { return m_camera; }
    AnnotationLayer *annotations() const { return m_annotations; }
    PresenterView *presenterView() const; // null until first shown

    // After the last hop, "next" pulls back to show the packet's whole path first.
    bool isShowingWholePath() const { return m_wholePath; }
    bool isBlank() const;
    bool isSpotlightOn() const;
    bool isDrawing() const { return m_drawing; }

    // The camera frame for a hop (its box and the one it came from) and for the whole path.
    QRectF hopFrame(int hop) const;
    QRectF wholePathFrame() const;

    // "Hop 3 of 12 · filter FORWARD" and the hop's sentence, for the caption and the presenter view.
    static QString hopHeading(const DiagramModel &model, const Packet &packet, int hop);
    static QString wholePathHeading(const Packet &packet);
    static QString wholePathText(const Packet &packet);
    static QString outcomeWord(Outcome::Kind kind);

public Q_SLOTS:
    void enter();
    void leave();
    void setPresenting(bool on);
    // The clicker: the next hop, then the whole path, then the next packet; and back.
    void next();
    void previous();
    void setBlank(bool blank);
    void toggleBlank();
    void setSpotlight(bool on);
    void setDrawing(bool on);
    void clearAnnotations();
    void setPresenterViewShown(bool shown);

Q_SIGNALS:
    void presentingChanged(bool presenting);
    // The hop, the packet or the whole-path view changed (the presenter view follows).
    void positionChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct SavedWindow
    {
        Qt::WindowStates states;
        QRect geometry;
        QPointer<QScreen> screen;
        bool menuBar = true;
        bool statusBar = true;
        QList<QPointer<QWidget>> shown; // docks and tool bars that were visible
        QString theme;
        Qt::ScrollBarPolicy horizontal = Qt::ScrollBarAsNeeded;
        Qt::ScrollBarPolicy vertical = Qt::ScrollBarAsNeeded;
        QRectF sceneRect;
        bool presenterViewOpen = false;
    };

    bool handleKey(QKeyEvent *event);
    bool isPresentationKey(int key) const;
    bool belongsToUs(QObject *watched) const;
    bool handleViewportMouse(QEvent *event);
    void onHopChanged();
    void updateCaption();
    void layoutOverlays();
    void aimCamera();
    int packetIndex(int packetId) const;
    QList<int> listedPacketIds() const;

    QPointer<MainWindow> m_window;
    QAction *m_presentAction = nullptr;
    QAction *m_presenterViewAction = nullptr;
    PresentationCaption *m_caption = nullptr;
    PresentationOverlay *m_overlay = nullptr;
    PresentationCamera *m_camera = nullptr;
    AnnotationLayer *m_annotations = nullptr;
    QPointer<PresenterView> m_presenterView;
    SavedWindow m_saved;
    bool m_presenting = false;
    bool m_wholePath = false;
    bool m_drawing = false;
};

} // namespace nfviz
