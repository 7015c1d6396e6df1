#include "job_panel.h"

#include "job_controller.h"
#include "text_format.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace basislab::gui {

JobPanel::JobPanel(JobController* jobs, std::set<JobKind> kinds, const QString& name, QWidget* parent)
    : QWidget(parent), jobs_(jobs), kinds_(std::move(kinds)) {
    setObjectName(name + QStringLiteral("JobPanel"));
    bar_ = new QProgressBar;
    bar_->setObjectName(name + QStringLiteral("Progress"));
    bar_->setRange(0, 1000);
    bar_->setValue(0);
    bar_->setTextVisible(true);
    rate_ = new QLabel(QStringLiteral("—"));
    rate_->setObjectName(name + QStringLiteral("Rate"));
    eta_ = new QLabel(QStringLiteral("—"));
    eta_->setObjectName(name + QStringLiteral("Eta"));
    cancel_ = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), QString());
    cancel_->setObjectName(name + QStringLiteral("CancelButton"));
    cancel_->setEnabled(false);
    for (QLabel* l : {rate_, eta_}) l->setMinimumWidth(90);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(bar_, 1);
    layout->addWidget(rate_);
    layout->addWidget(eta_);
    layout->addWidget(cancel_);

    connect(cancel_, &QPushButton::clicked, jobs_, &JobController::cancel);
    connect(jobs_, &JobController::jobStarted, this, &JobPanel::started);
    connect(jobs_, &JobController::progress, this, &JobPanel::progressed);
    connect(jobs_, &JobController::jobCancelled, this, [this](quint64 id) {
        if (id == current_) outcome_ = tr("Cancelled after %1");
    });
    connect(jobs_, &JobController::jobFailed, this, [this](quint64 id) {
        if (id == current_) outcome_ = tr("Failed after %1");
    });
    connect(jobs_, &JobController::jobFinished, this, &JobPanel::finished);
    retranslate();
}

void JobPanel::started(quint64 id, JobKind kind) {
    if (!kinds_.count(kind)) return;
    current_ = id;
    outcome_.clear();
    clock_.start();
    bar_->setRange(0, 0);  // busy until the first progress report
    bar_->setFormat(tr("Starting…"));
    rate_->setText(QStringLiteral("—"));
    eta_->setText(QStringLiteral("—"));
    cancel_->setEnabled(true);
}

void JobPanel::progressed(quint64 id, const JobProgress& p) {
    if (id != current_) return;
    if (p.total > 0) {
        bar_->setRange(0, 1000);
        bar_->setValue(int(1000 * p.done / p.total));
    }
    QString text = p.runs > 0     ? tr("%p% · run %1 of %2").arg(p.run + 1).arg(p.runs)
                   : p.layer >= 0 ? tr("%p% · layer %1 of %2").arg(p.layer + 1).arg(p.layers)
                                  : tr("%p%");
    bar_->setFormat(text);
    rate_->setText(formatRate(p.tokens_per_second));
    eta_->setText(p.eta_seconds >= 0 ? tr("ETA %1").arg(formatDuration(p.eta_seconds)) : QStringLiteral("—"));
}

void JobPanel::finished(quint64 id, JobKind) {
    if (id != current_) return;
    current_ = 0;
    bar_->setRange(0, 1000);
    bar_->setValue(0);
    const QString text = outcome_.isEmpty() ? tr("Done in %1") : outcome_;
    bar_->setFormat(text.arg(formatDuration(double(clock_.elapsed()) / 1000.0)));
    eta_->setText(QStringLiteral("—"));
    cancel_->setEnabled(false);
}

void JobPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void JobPanel::retranslate() {
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the running job (Esc); nothing half-done is kept"));
    bar_->setToolTip(tr("Progress of the running job"));
    rate_->setToolTip(tr("Throughput so far"));
    eta_->setToolTip(tr("Estimated time left"));
    if (!current_) bar_->setFormat(tr("Idle"));
}

}  // namespace basislab::gui
