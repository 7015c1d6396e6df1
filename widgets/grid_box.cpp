#include "grid_box.h"

#include "api/plan_grid.h"
#include "job_controller.h"
#include "workbench_document.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <cmath>
#include <exception>

namespace basislab::gui {

api::RunRecord planRunRecord(const CompressionPlan& plan, const api::PlanEvaluation& e) {
    api::RunRecord run;
    run.plan = plan;
    run.achieved_ratio = e.report.achieved_ratio;
    run.params = e.report.model_params_after;
    run.ppl = e.perplexity.ppl;
    double sum = 0;
    for (const LayerReport& l : e.report.layers) sum += l.whitened_error;
    if (!e.report.layers.empty()) run.error = sum / double(e.report.layers.size());
    run.seconds = e.report.seconds + e.perplexity.seconds;
    run.windows = e.perplexity.windows;
    run.zeroshot = e.perplexity.zeroshot;
    return run;
}

GridBox::GridBox(WorkbenchDocument* document, JobController* jobs, QWidget* parent)
    : QGroupBox(parent), document_(document), jobs_(jobs) {
    setObjectName(QStringLiteral("gridBox"));
    ratios_label_ = new QLabel;
    ratios_ = new QLineEdit(QStringLiteral("0.2, 0.3, 0.4, 0.5"));
    ratios_->setObjectName(QStringLiteral("gridRatiosEdit"));
    alphas_label_ = new QLabel;
    alphas_ = new QLineEdit(QStringLiteral("none, inv-trace, normalised"));
    alphas_->setObjectName(QStringLiteral("gridAlphasEdit"));
    sizes_label_ = new QLabel;
    sizes_ = new QLineEdit(QStringLiteral("2"));
    sizes_->setObjectName(QStringLiteral("gridGroupSizesEdit"));
    count_ = new QLabel;
    count_->setObjectName(QStringLiteral("gridCountLabel"));
    run_ = new QPushButton(QIcon(QStringLiteral(":/icons/run.svg")), QString());
    run_->setObjectName(QStringLiteral("runGridButton"));

    auto* grid = new QGridLayout(this);
    grid->addWidget(ratios_label_, 0, 0);
    grid->addWidget(ratios_, 0, 1);
    grid->addWidget(alphas_label_, 0, 2);
    grid->addWidget(alphas_, 0, 3);
    grid->addWidget(sizes_label_, 0, 4);
    grid->addWidget(sizes_, 0, 5);
    grid->addWidget(count_, 0, 6);
    grid->addWidget(run_, 0, 7);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(3, 3);
    grid->setColumnStretch(5, 1);

    for (QLineEdit* edit : {ratios_, alphas_, sizes_})
        connect(edit, &QLineEdit::textChanged, this, &GridBox::updateCount);
    connect(document_, &WorkbenchDocument::planChanged, this, &GridBox::updateCount);
    connect(document_, &WorkbenchDocument::modelChanged, this, &GridBox::updateButton);
    connect(document_, &WorkbenchDocument::calibrationChanged, this, &GridBox::updateButton);
    connect(jobs_, &JobController::busyChanged, this, &GridBox::updateButton);
    connect(run_, &QPushButton::clicked, this, &GridBox::startRequested);
    connect(jobs_, &JobController::gridRunEvaluated, this,
            [this](quint64 id, int, const CompressionPlan& plan, const PlanEvaluationPtr& e) {
                if (id != pending_) return;
                api::RunRecord run = planRunRecord(plan, *e);
                run.text_path = submitted_.text_path;
                run.window = submitted_.window;
                run.protocol = e->perplexity.protocol;
                run.device = document_->compute().device;
                run.dtype = document_->compute().dtype;
                run.finished_at = QDateTime::currentDateTime().toString(Qt::ISODate).toStdString();
                document_->addRun(run);
                ++finished_runs_;
            });
    connect(jobs_, &JobController::gridEvaluated, this, [this](quint64 id, int runs) {
        if (id == pending_) Q_EMIT message(tr("Grid finished: %n run(s) added to the table", nullptr, runs));
    });
    connect(jobs_, &JobController::jobFailed, this, [this](quint64 id, JobKind, const QString& text) {
        if (id == pending_) Q_EMIT failed(tr("Grid failed"), text);
    });
    connect(jobs_, &JobController::jobCancelled, this, [this](quint64 id) {
        if (id == pending_) Q_EMIT message(tr("Grid cancelled; %n finished run(s) kept", nullptr, finished_runs_));
    });
    retranslate();
    updateButton();
}

std::vector<CompressionPlan> GridBox::plans() const {
    const CompressionPlan& base = document_->plan();
    const api::PlanGrid grid = api::parsePlanGrid(ratios_->text().toStdString(), alphas_->text().toStdString(),
                                                  sizes_->text().toStdString(), base);
    const ModelInfoPtr& info = document_->modelInfo();
    return api::gridPlans(base, grid, info ? &info->config : nullptr);
}

void GridBox::setGrid(const QString& ratios, const QString& alphas, const QString& group_sizes) {
    ratios_->setText(ratios);
    alphas_->setText(alphas);
    sizes_->setText(group_sizes);
}

bool GridBox::start(const api::PerplexityRequest& request) {
    if (!document_->modelInfo() || !document_->calibration() || jobs_->busy()) return false;
    std::vector<CompressionPlan> list;
    try {
        list = plans();
    } catch (const std::exception& e) {
        Q_EMIT failed(tr("Grid"), QString::fromStdString(e.what()));
        return false;
    }
    submitted_ = request;
    finished_runs_ = 0;
    pending_ = jobs_->evaluateGrid(list, request);
    return true;
}

void GridBox::updateCount() {
    try {
        const std::size_t n = plans().size();
        count_->setText(tr("%n run(s)", nullptr, int(n)));
        count_->setToolTip(QString());
    } catch (const std::exception& e) {
        count_->setText(tr("invalid"));
        count_->setToolTip(QString::fromStdString(e.what()));
    }
}

void GridBox::updateButton() {
    run_->setEnabled(document_->modelInfo() && document_->calibration() && !jobs_->busy());
    updateCount();
}

void GridBox::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QGroupBox::changeEvent(event);
}

void GridBox::retranslate() {
    setTitle(tr("Grid"));
    ratios_label_->setText(tr("Ratios:"));
    ratios_->setToolTip(tr("Compression ratios of the grid, comma-separated, each in [0, 1)"));
    alphas_label_->setText(tr("α forms:"));
    alphas_->setToolTip(
        tr("α forms of the grid, comma-separated (none, inv-trace, inv-fro, inv-max-eig, inv-sqrt-trace, "
           "inv-output, normalised, power:p); Basis Sharing only"));
    sizes_label_->setText(tr("Group sizes:"));
    sizes_->setToolTip(tr("Layers per shared basis, comma-separated; 1 runs once per ratio (α has no effect)"));
    run_->setText(tr("Run Grid"));
    run_->setToolTip(
        tr("Compress and evaluate every plan of the grid (the current plan with each ratio, α form and group "
           "size) as one job; each run becomes a row of the table"));
    updateCount();
}

}  // namespace basislab::gui
