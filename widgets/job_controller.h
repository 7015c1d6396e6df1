// The GUI thread's handle on the worker thread. Owns the QThread and the JobWorker, hands out a
// request id per job, and re-emits the worker's results on the GUI thread. One job runs at a time;
// further requests queue behind it. cancel() cancels the running and the queued jobs. The
// destructor cancels, quits the thread and waits for it, so closing the window mid-job is clean.
#pragma once

#include "job_types.h"

#include <QObject>
#include <QStringList>
#include <QThread>

#include <map>
#include <memory>

namespace basislab::gui {

class JobWorker;
struct JobFlags;

class JobController : public QObject {
    Q_OBJECT
public:
    explicit JobController(QObject* parent = nullptr);
    ~JobController() override;

    quint64 openModel(const QString& dir, const ComputeOptions& compute);
    quint64 evaluate(const api::PerplexityRequest& request);

    /// Devices LibTorch can use ("cpu", "cuda:0", ...), as the worker found them at start.
    const QStringList& devices() const { return devices_; }

    /// Cancels the running job and every queued one.
    void cancel();
    bool busy() const { return !pending_.empty(); }
    /// Jobs issued and not yet finished (running or queued).
    int pendingJobs() const { return int(pending_.size()); }

Q_SIGNALS:
    void devicesChanged(const QStringList& devices);
    void jobStarted(quint64 id, basislab::gui::JobKind kind);
    void progress(quint64 id, const basislab::gui::JobProgress& progress);
    void modelOpened(quint64 id, const basislab::gui::ModelInfoPtr& info);
    void evaluated(quint64 id, const basislab::api::PerplexitySnapshot& result);
    void jobFailed(quint64 id, basislab::gui::JobKind kind, const QString& message);
    void jobCancelled(quint64 id, basislab::gui::JobKind kind);
    /// After the result, failure or cancellation of a job.
    void jobFinished(quint64 id, basislab::gui::JobKind kind);
    void busyChanged(bool busy);

    // To the worker (queued).
    void requestOpenModel(quint64 id, const QString& dir, const basislab::ComputeOptions& compute);
    void requestEvaluate(quint64 id, const basislab::api::PerplexityRequest& request);

private:
    quint64 issue(JobKind kind);
    void finish(quint64 id);

    QThread thread_;
    JobWorker* worker_ = nullptr;
    std::shared_ptr<JobFlags> flags_;
    quint64 next_id_ = 1;
    std::map<quint64, JobKind> pending_;
    QStringList devices_{QStringLiteral("cpu")};
};

}  // namespace basislab::gui
