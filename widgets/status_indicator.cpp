#include "status_indicator.h"

#include "api/process_memory.h"
#include "text_format.h"
#include "workbench_document.h"

#include <QEvent>

namespace basislab::gui {

StatusIndicator::StatusIndicator(WorkbenchDocument* document, QWidget* parent) : QLabel(parent), document_(document) {
    setObjectName(QStringLiteral("statusIndicator"));
    connect(&timer_, &QTimer::timeout, this, &StatusIndicator::refresh);
    connect(document_, &WorkbenchDocument::computeChanged, this, &StatusIndicator::refresh);
    connect(document_, &WorkbenchDocument::modelChanged, this, &StatusIndicator::refresh);
    timer_.start(2000);
    refresh();
}

void StatusIndicator::refresh() {
    const ComputeOptions& c = document_->compute();
    const qint64 rss = api::residentSetBytes();
    const QString memory = rss >= 0 ? formatBytes(double(rss)) : tr("unknown");
    const QString device = document_->modelInfo() ? QStringLiteral("%1 · %2").arg(QString::fromStdString(c.device),
                                                                                  QString::fromStdString(c.dtype))
                                                  : tr("no model");
    setText(tr("Device: %1   Memory: %2").arg(device, memory));
    setToolTip(tr("Where the open model computes, and the memory this process uses (resident set size)"));
}

void StatusIndicator::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) refresh();
    QLabel::changeEvent(event);
}

}  // namespace basislab::gui
