// The status bar's permanent part: the device and dtype the model computes on, and the memory
// the process uses (resident set size, refreshed every two seconds); on CUDA also the device
// memory in use.
#pragma once

#include <QLabel>
#include <QTimer>

namespace basislab::gui {

class WorkbenchDocument;

class StatusIndicator : public QLabel {
    Q_OBJECT
public:
    explicit StatusIndicator(WorkbenchDocument* document, QWidget* parent = nullptr);

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    /// "Device memory in use: …" while the model computes on CUDA, else empty.
    QString deviceMemoryText() const;

    WorkbenchDocument* document_;
    QTimer timer_;
};

}  // namespace basislab::gui
