// The GUI thread's handle on the worker thread. Owns the QThread and the JobWorker, hands out a
// request id per job, and re-emits the worker's results on the GUI thread. Long jobs run one at a
// time in the order asked; cancel() cancels the running and the queued ones. Previews are not long
// jobs: only the latest one counts, older results are dropped. The destructor cancels, quits the
// thread and waits for it, so closing the window mid-job is clean.
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
    quint64 evaluatePlan(const CompressionPlan& plan, const api::PerplexityRequest& request);
    /// Compresses with `plan` and runs its streamed update (planUpdated with the report).
    quint64 updatePlan(const CompressionPlan& plan);
    /// One job: every plan compressed and evaluated in turn (gridRunEvaluated per run, then
    /// gridEvaluated). Cancelling keeps the runs already reported.
    quint64 evaluateGrid(const PlanList& plans, const api::PerplexityRequest& request);
    quint64 calibrate(const api::CalibrationRequest& request);
    /// Loads a calibration file; with `embedded_in`, extracts it there from that session first.
    quint64 loadCalibration(const QString& path, const QString& embedded_in = {});
    quint64 saveCalibration(const QString& path);
    quint64 saveSession(const api::SessionData& data, const QString& path);
    /// Asks for the preview of `plan`; any older preview still pending is dropped.
    quint64 preview(const CompressionPlan& plan);
    quint64 latestPreview() const { return latest_preview_; }

    /// Devices LibTorch can use ("cpu", "cuda:0", ...), as the worker found them at start.
    const QStringList& devices() const { return devices_; }
    /// The devices with their memory when the worker listed them (empty until then).
    const DeviceInfoList& deviceInfos() const { return device_infos_; }

    /// Cancels the running job and every queued one.
    void cancel();
    bool busy() const { return !pending_.empty(); }
    /// Long jobs issued and not yet finished (running or queued).
    int pendingJobs() const { return int(pending_.size()); }

Q_SIGNALS:
    void devicesChanged(const QStringList& devices);
    void deviceInfosChanged();
    void jobStarted(quint64 id, basislab::gui::JobKind kind);
    void progress(quint64 id, const basislab::gui::JobProgress& progress);
    void modelOpened(quint64 id, const basislab::gui::ModelInfoPtr& info);
    void evaluated(quint64 id, const basislab::api::PerplexitySnapshot& result);
    void planEvaluated(quint64 id, const basislab::gui::PlanEvaluationPtr& result);
    void planUpdated(quint64 id, const basislab::gui::ReportPtr& report);
    void gridRunEvaluated(quint64 id, int index, const basislab::CompressionPlan& plan,
                          const basislab::gui::PlanEvaluationPtr& result);
    void gridEvaluated(quint64 id, int runs);
    void calibrated(quint64 id, const basislab::gui::CalibrationPtr& summary, const QString& path);
    void calibrationSaved(quint64 id, const QString& path);
    void sessionSaved(quint64 id, const QString& path);
    void previewReady(quint64 id, const basislab::gui::PreviewPtr& preview);
    void previewFailed(quint64 id, const QString& message);
    void jobFailed(quint64 id, basislab::gui::JobKind kind, const QString& message);
    void jobCancelled(quint64 id, basislab::gui::JobKind kind);
    /// After the result, failure or cancellation of a long job.
    void jobFinished(quint64 id, basislab::gui::JobKind kind);
    void busyChanged(bool busy);

    // To the worker (queued).
    void requestOpenModel(quint64 id, const QString& dir, const basislab::ComputeOptions& compute);
    void requestEvaluate(quint64 id, const basislab::api::PerplexityRequest& request);
    void requestEvaluatePlan(quint64 id, const basislab::CompressionPlan& plan,
                             const basislab::api::PerplexityRequest& request);
    void requestEvaluateGrid(quint64 id, const basislab::gui::PlanList& plans,
                             const basislab::api::PerplexityRequest& request);
    void requestCalibrate(quint64 id, const basislab::api::CalibrationRequest& request);
    void requestLoadCalibration(quint64 id, const QString& path, const QString& embedded_in);
    void requestSaveCalibration(quint64 id, const QString& path);
    void requestSaveSession(quint64 id, const basislab::api::SessionData& data, const QString& path);
    void requestPreview(quint64 id, const basislab::CompressionPlan& plan);
    void requestUpdatePlan(quint64 id, const basislab::CompressionPlan& plan);

private:
    quint64 issue(JobKind kind);
    void finish(quint64 id);
    /// Connects a worker result signal: re-emitted only for a pending job, which then finishes.
    template <class Signal, class Emit>
    void forward(Signal signal, Emit emit_result);

    QThread thread_;
    JobWorker* worker_ = nullptr;
    std::shared_ptr<JobFlags> flags_;
    quint64 next_id_ = 1;
    quint64 latest_preview_ = 0;
    std::map<quint64, JobKind> pending_;
    QStringList devices_{QStringLiteral("cpu")};
    DeviceInfoList device_infos_;
};

}  // namespace basislab::gui
