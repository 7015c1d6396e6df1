#include "job_controller.h"

#include "job_worker.h"

namespace basislab::gui {

JobController::JobController(QObject* parent) : QObject(parent), flags_(std::make_shared<JobFlags>()) {
    qRegisterMetaType<JobProgress>();
    qRegisterMetaType<JobKind>();
    qRegisterMetaType<ModelInfoPtr>();
    qRegisterMetaType<ComputeOptions>();
    qRegisterMetaType<api::PerplexityRequest>();
    qRegisterMetaType<api::PerplexitySnapshot>();

    thread_.setObjectName(QStringLiteral("basislab-worker"));
    worker_ = new JobWorker(flags_);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);

    connect(this, &JobController::requestOpenModel, worker_, &JobWorker::openModel);
    connect(this, &JobController::requestEvaluate, worker_, &JobWorker::evaluate);

    connect(worker_, &JobWorker::progress, this, [this](quint64 id, const JobProgress& p) {
        if (pending_.count(id)) Q_EMIT progress(id, p);
    });
    connect(worker_, &JobWorker::modelOpened, this, [this](quint64 id, const ModelInfoPtr& info) {
        Q_EMIT modelOpened(id, info);
        finish(id);
    });
    connect(worker_, &JobWorker::evaluated, this, [this](quint64 id, const api::PerplexitySnapshot& r) {
        Q_EMIT evaluated(id, r);
        finish(id);
    });
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
    connect(worker_, &JobWorker::devicesFound, this, [this](const QStringList& devices) {
        devices_ = devices;
        Q_EMIT devicesChanged(devices_);
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

}  // namespace basislab::gui
