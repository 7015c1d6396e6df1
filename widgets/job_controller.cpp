#include "job_controller.h"

#include "job_worker.h"

namespace basislab::gui {

template <class Signal, class Emit>
void JobController::forward(Signal signal, Emit emit_result) {
    connect(worker_, signal, this, [this, emit_result](quint64 id, const auto&... result) {
        if (!pending_.count(id)) return;
        emit_result(id, result...);
        finish(id);
    });
}

JobController::JobController(QObject* parent) : QObject(parent), flags_(std::make_shared<JobFlags>()) {
    qRegisterMetaType<JobProgress>();
    qRegisterMetaType<JobKind>();
    qRegisterMetaType<ModelInfoPtr>();
    qRegisterMetaType<CalibrationPtr>();
    qRegisterMetaType<PreviewPtr>();
    qRegisterMetaType<ReportPtr>();
    qRegisterMetaType<PlanEvaluationPtr>();
    qRegisterMetaType<DeviceInfoList>();
    qRegisterMetaType<ComputeOptions>();
    qRegisterMetaType<CompressionPlan>();
    qRegisterMetaType<PlanList>();
    qRegisterMetaType<api::PerplexityRequest>();
    qRegisterMetaType<api::PerplexitySnapshot>();
    qRegisterMetaType<api::CalibrationRequest>();
    qRegisterMetaType<api::SessionData>();

    thread_.setObjectName(QStringLiteral("basislab-worker"));
    worker_ = new JobWorker(flags_);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);

    connect(this, &JobController::requestOpenModel, worker_, &JobWorker::openModel);
    connect(this, &JobController::requestEvaluate, worker_, &JobWorker::evaluate);
    connect(this, &JobController::requestEvaluatePlan, worker_, &JobWorker::evaluatePlan);
    connect(this, &JobController::requestEvaluateGrid, worker_, &JobWorker::evaluateGrid);
    connect(this, &JobController::requestCalibrate, worker_, &JobWorker::calibrate);
    connect(this, &JobController::requestLoadCalibration, worker_, &JobWorker::loadCalibration);
    connect(this, &JobController::requestSaveCalibration, worker_, &JobWorker::saveCalibration);
    connect(this, &JobController::requestSaveSession, worker_, &JobWorker::saveSession);
    connect(this, &JobController::requestPreview, worker_, &JobWorker::preview);
    connect(this, &JobController::requestUpdatePlan, worker_, &JobWorker::updatePlan);

    connect(worker_, &JobWorker::progress, this, [this](quint64 id, const JobProgress& p) {
        if (pending_.count(id)) Q_EMIT progress(id, p);
    });
    forward(&JobWorker::modelOpened, [this](quint64 id, const ModelInfoPtr& i) { Q_EMIT modelOpened(id, i); });
    forward(&JobWorker::evaluated, [this](quint64 id, const api::PerplexitySnapshot& r) { Q_EMIT evaluated(id, r); });
    forward(&JobWorker::planEvaluated, [this](quint64 id, const PlanEvaluationPtr& r) { Q_EMIT planEvaluated(id, r); });
    forward(&JobWorker::planUpdated, [this](quint64 id, const ReportPtr& r) { Q_EMIT planUpdated(id, r); });
    connect(worker_, &JobWorker::gridRunEvaluated, this,
            [this](quint64 id, int index, const CompressionPlan& plan, const PlanEvaluationPtr& r) {
                if (pending_.count(id)) Q_EMIT gridRunEvaluated(id, index, plan, r);  // the job goes on
            });
    forward(&JobWorker::gridEvaluated, [this](quint64 id, int runs) { Q_EMIT gridEvaluated(id, runs); });
    forward(&JobWorker::calibrated,
            [this](quint64 id, const CalibrationPtr& c, const QString& path) { Q_EMIT calibrated(id, c, path); });
    forward(&JobWorker::calibrationSaved, [this](quint64 id, const QString& p) { Q_EMIT calibrationSaved(id, p); });
    forward(&JobWorker::sessionSaved, [this](quint64 id, const QString& p) { Q_EMIT sessionSaved(id, p); });
    connect(worker_, &JobWorker::failed, this, [this](quint64 id, const QString& message) {
        const auto it = pending_.find(id);
        if (it == pending_.end()) return;
        Q_EMIT jobFailed(id, it->second, message);
        finish(id);
    });
    connect(worker_, &JobWorker::cancelled, this, [this](quint64 id) {
        const auto it = pending_.find(id);
        if (it == pending_.end()) return;
        Q_EMIT jobCancelled(id, it->second);
        finish(id);
    });
    connect(worker_, &JobWorker::previewed, this, [this](quint64 id, const PreviewPtr& p) {
        if (id == latest_preview_) Q_EMIT previewReady(id, p);
    });
    connect(worker_, &JobWorker::previewFailed, this, [this](quint64 id, const QString& message) {
        if (id == latest_preview_) Q_EMIT previewFailed(id, message);
    });
    connect(worker_, &JobWorker::devicesFound, this, [this](const QStringList& devices) {
        devices_ = devices;
        Q_EMIT devicesChanged(devices_);
    });
    connect(worker_, &JobWorker::deviceInfosFound, this, [this](const DeviceInfoList& infos) {
        device_infos_ = infos;
        Q_EMIT deviceInfosChanged();
    });
    thread_.start();
    QMetaObject::invokeMethod(worker_, &JobWorker::listDevices, Qt::QueuedConnection);
}

JobController::~JobController() {
    flags_->shutting_down = true;
    thread_.quit();
    thread_.wait();
}

quint64 JobController::issue(JobKind kind) {
    const quint64 id = next_id_++;
    const bool was_busy = busy();
    pending_[id] = kind;
    Q_EMIT jobStarted(id, kind);
    if (!was_busy) Q_EMIT busyChanged(true);
    return id;
}

void JobController::finish(quint64 id) {
    const auto it = pending_.find(id);
    if (it == pending_.end()) return;
    const JobKind kind = it->second;
    pending_.erase(it);
    Q_EMIT jobFinished(id, kind);
    if (!busy()) Q_EMIT busyChanged(false);
}

void JobController::cancel() {
    if (!pending_.empty()) flags_->cancel_up_to = pending_.rbegin()->first;
}

quint64 JobController::openModel(const QString& dir, const ComputeOptions& compute) {
    const quint64 id = issue(JobKind::OpenModel);
    Q_EMIT requestOpenModel(id, dir, compute);
    return id;
}

quint64 JobController::evaluate(const api::PerplexityRequest& request) {
    const quint64 id = issue(JobKind::Evaluate);
    Q_EMIT requestEvaluate(id, request);
    return id;
}

quint64 JobController::evaluatePlan(const CompressionPlan& plan, const api::PerplexityRequest& request) {
    const quint64 id = issue(JobKind::EvaluatePlan);
    Q_EMIT requestEvaluatePlan(id, plan, request);
    return id;
}

quint64 JobController::updatePlan(const CompressionPlan& plan) {
    const quint64 id = issue(JobKind::UpdatePlan);
    Q_EMIT requestUpdatePlan(id, plan);
    return id;
}

quint64 JobController::evaluateGrid(const PlanList& plans, const api::PerplexityRequest& request) {
    const quint64 id = issue(JobKind::EvaluateGrid);
    Q_EMIT requestEvaluateGrid(id, plans, request);
    return id;
}

quint64 JobController::calibrate(const api::CalibrationRequest& request) {
    const quint64 id = issue(JobKind::Calibrate);
    Q_EMIT requestCalibrate(id, request);
    return id;
}

quint64 JobController::loadCalibration(const QString& path, const QString& embedded_in) {
    const quint64 id = issue(JobKind::LoadCalibration);
    Q_EMIT requestLoadCalibration(id, path, embedded_in);
    return id;
}

quint64 JobController::saveCalibration(const QString& path) {
    const quint64 id = issue(JobKind::SaveCalibration);
    Q_EMIT requestSaveCalibration(id, path);
    return id;
}

quint64 JobController::saveSession(const api::SessionData& data, const QString& path) {
    const quint64 id = issue(JobKind::SaveSession);
    Q_EMIT requestSaveSession(id, data, path);
    return id;
}

quint64 JobController::preview(const CompressionPlan& plan) {
    const quint64 id = next_id_++;
    latest_preview_ = id;
    flags_->latest_preview = id;
    Q_EMIT requestPreview(id, plan);
    return id;
}

}  // namespace basislab::gui
