// The status bar's permanent part: the device and dtype the model computes on, and the memory
// the process uses (resident set size, refreshed every two seconds).
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

    WorkbenchDocument* document_;
    QTimer timer_;
};

}  // namespace basislab::gui
