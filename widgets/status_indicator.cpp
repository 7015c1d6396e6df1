#include "status_indicator.h"

#include "api/process_memory.h"
#include "base/device_query.h"
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
    setText(tr("Device: %1   Memory: %2").arg(device, memory) + deviceMemoryText());
    setToolTip(tr("Where the open model computes, and the memory this process uses (resident set size)"));
}

QString StatusIndicator::deviceMemoryText() const {
    // Only while the model computes on CUDA: the first query creates the CUDA context.
    if (!document_->modelInfo() || document_->compute().device.rfind("cuda", 0) != 0) return {};
    const auto used = cudaMemoryInUse();
    return used ? tr("   Device memory in use: %1").arg(formatBytes(double(*used))) : QString();
}

void StatusIndicator::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) refresh();
    QLabel::changeEvent(event);
}

}  // namespace basislab::gui
