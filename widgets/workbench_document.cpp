#include "workbench_document.h"

#include "api/plan_compare.h"
#include "plan_command.h"

#include <algorithm>
#include <functional>

namespace basislab::gui {

WorkbenchDocument::WorkbenchDocument(QObject* parent) : QObject(parent) {
    connect(&undo_, &QUndoStack::indexChanged, this, [this] { setModified(true); });
}

void WorkbenchDocument::setModel(const QString& dir, const ComputeOptions& compute, ModelInfoPtr info) {
    const bool same_model = dir == model_dir_;
    model_dir_ = dir;
    compute_ = compute;
    model_info_ = std::move(info);
    if (!same_model && calibration_) {
        calibration_.reset();
        calibration_path_.clear();
        Q_EMIT calibrationChanged();
    }
    if (!same_model) setModified(true);
    Q_EMIT computeChanged();
    Q_EMIT modelChanged();
}

void WorkbenchDocument::setCompute(const ComputeOptions& compute) {
    compute_ = compute;
    Q_EMIT computeChanged();
}

void WorkbenchDocument::setCalibration(CalibrationPtr summary, const QString& path) {
    calibration_ = std::move(summary);
    calibration_path_ = path;
    setModified(true);
    Q_EMIT calibrationChanged();
}

void WorkbenchDocument::setCalibrationPath(const QString& path) {
    calibration_path_ = path;
    setModified(true);
    Q_EMIT calibrationPathChanged();
}

void WorkbenchDocument::setCalibrationRequest(const api::CalibrationRequest& request) {
    calibration_request_ = request;
    Q_EMIT calibrationRequestChanged();
}

void WorkbenchDocument::editPlan(const CompressionPlan& plan, const QString& text, int merge_id) {
    if (api::samePlan(plan, plan_)) return;
    undo_.push(new PlanCommand(this, plan_, plan, text, merge_id));
}

void WorkbenchDocument::setPlan(const CompressionPlan& plan) {
    if (api::samePlan(plan, plan_)) return;
    plan_ = plan;
    Q_EMIT planChanged();
}

void WorkbenchDocument::setEvaluationRequest(const api::PerplexityRequest& request) {
    evaluation_request_ = request;
    Q_EMIT evaluationRequestChanged();
}

void WorkbenchDocument::addRun(const api::RunRecord& run) {
    runs_.append(run);
    setModified(true);
    Q_EMIT runsChanged();
}

void WorkbenchDocument::removeRuns(QVector<int> rows) {
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int row : rows)
        if (row >= 0 && row < runs_.size()) runs_.remove(row);
    setModified(true);
    Q_EMIT runsChanged();
}

void WorkbenchDocument::setSessionPath(const QString& path) {
    session_path_ = path;
    Q_EMIT sessionPathChanged();
}

void WorkbenchDocument::setModified(bool modified) {
    if (modified_ == modified) return;
    modified_ = modified;
    Q_EMIT modifiedChanged(modified);
}

api::SessionData WorkbenchDocument::toSession() const {
    api::SessionData data;
    data.model_dir = model_dir_.toStdString();
    data.compute = compute_;
    if (calibration_ && !calibration_path_.isEmpty()) {
        data.calibration_source = embed_calibration_ ? api::CalibrationSource::Embedded : api::CalibrationSource::Link;
        data.calibration_path = calibration_path_.toStdString();
        data.calibration_identity = api::calibrationIdentity(*calibration_);
    }
    data.calibration_request = calibration_request_;
    data.plan = plan_;
    data.evaluation = evaluation_request_;
    data.runs.assign(runs_.begin(), runs_.end());
    return data;
}

void WorkbenchDocument::applySession(const api::SessionData& data) {
    model_dir_ = QString::fromStdString(data.model_dir);
    model_info_.reset();
    compute_ = data.compute;
    calibration_.reset();
    calibration_path_.clear();
    embed_calibration_ = data.calibration_source == api::CalibrationSource::Embedded;
    calibration_request_ = data.calibration_request;
    plan_ = data.plan;
    evaluation_request_ = data.evaluation;
    runs_ = QVector<api::RunRecord>(data.runs.begin(), data.runs.end());
    undo_.clear();
    Q_EMIT modelChanged();
    Q_EMIT computeChanged();
    Q_EMIT calibrationChanged();
    Q_EMIT calibrationRequestChanged();
    Q_EMIT planChanged();
    Q_EMIT evaluationRequestChanged();
    Q_EMIT runsChanged();
    setModified(false);
}

}  // namespace basislab::gui
