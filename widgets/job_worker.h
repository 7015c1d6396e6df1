// The workbench's worker: one long-lived object on its own QThread (as Tiled's projectmodel.cpp)
// that owns the opened model (api::ModelSession, with its calibration) and runs every LibTorch
// job. Requests arrive as queued slot calls, results leave as signals. Cancellation: each job's
// ProgressFn polls the shared JobFlags and returns false, so the core throws Cancelled and the job
// reports cancelled(). Previews are latest-wins: a preview older than the latest one requested is
// skipped, or stopped through its ProgressFn when it is already running.
#pragma once

#include "base/progress.h"
#include "job_types.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace basislab::gui {

/// Shared between the controller (GUI thread) and the worker.
struct JobFlags {
    std::atomic<quint64> cancel_up_to{0};  // every long job with an id <= this is cancelled
    std::atomic<quint64> latest_preview{0};  // previews with a smaller id are stale
    std::atomic<bool> shutting_down{false};
    bool cancelled(quint64 id) const { return shutting_down.load() || id <= cancel_up_to.load(); }
    bool stalePreview(quint64 id) const { return shutting_down.load() || id < latest_preview.load(); }
};

class JobWorker : public QObject {
    Q_OBJECT
public:
    explicit JobWorker(std::shared_ptr<JobFlags> flags);
    ~JobWorker() override;

public Q_SLOTS:
    /// Asks LibTorch which devices it can use; answers with devicesFound(), then with their
    /// memory in deviceInfosFound().
    void listDevices();
    void openModel(quint64 id, const QString& dir, const basislab::ComputeOptions& compute);
    void evaluate(quint64 id, const basislab::api::PerplexityRequest& request);
    void evaluatePlan(quint64 id, const basislab::CompressionPlan& plan,
                      const basislab::api::PerplexityRequest& request);
    /// Compresses and evaluates every plan in turn, reporting each with gridRunEvaluated(), then
    /// gridEvaluated(); a cancel stops between or inside runs and keeps the finished ones.
    void evaluateGrid(quint64 id, const basislab::gui::PlanList& plans,
                      const basislab::api::PerplexityRequest& request);
    void calibrate(quint64 id, const basislab::api::CalibrationRequest& request);
    /// Loads the calibration at `path`; with `embedded_in` set, first extracts it there from that
    /// session file.
    void loadCalibration(quint64 id, const QString& path, const QString& embedded_in);
    void saveCalibration(quint64 id, const QString& path);
    void saveSession(quint64 id, const basislab::api::SessionData& data, const QString& path);
    void preview(quint64 id, const basislab::CompressionPlan& plan);
    /// Compresses with `plan` and runs its streamed update; answers with planUpdated().
    void updatePlan(quint64 id, const basislab::CompressionPlan& plan);

Q_SIGNALS:
    void devicesFound(const QStringList& devices);
    void deviceInfosFound(const basislab::gui::DeviceInfoList& infos);
    void progress(quint64 id, const basislab::gui::JobProgress& progress);
    void modelOpened(quint64 id, const basislab::gui::ModelInfoPtr& info);
    void evaluated(quint64 id, const basislab::api::PerplexitySnapshot& result);
    void planEvaluated(quint64 id, const basislab::gui::PlanEvaluationPtr& result);
    void gridRunEvaluated(quint64 id, int index, const basislab::CompressionPlan& plan,
                          const basislab::gui::PlanEvaluationPtr& result);
    void gridEvaluated(quint64 id, int runs);
    /// A calibration was computed (path empty) or loaded from `path`.
    void calibrated(quint64 id, const basislab::gui::CalibrationPtr& summary, const QString& path);
    void calibrationSaved(quint64 id, const QString& path);
    void sessionSaved(quint64 id, const QString& path);
    void previewed(quint64 id, const basislab::gui::PreviewPtr& preview);
    void planUpdated(quint64 id, const basislab::gui::ReportPtr& report);
    void previewFailed(quint64 id, const QString& message);
    void failed(quint64 id, const QString& message);
    void cancelled(quint64 id);

private:
    /// Runs `work` and turns its outcome into exactly one of: (the work's own signal), failed(), cancelled().
    void run(quint64 id, const std::function<void()>& work);
    ProgressFn progressFor(quint64 id);
    api::ModelSession& requireModel() const;

    std::shared_ptr<JobFlags> flags_;
    std::unique_ptr<api::ModelSession> model_;
};

}  // namespace basislab::gui
