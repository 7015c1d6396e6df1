// The state of one workbench window: the model, its compute options, the calibration, the plan
// being edited (with its undo stack) and the runs table. Pages read it and listen to its signals;
// results from the worker arrive here as immutable snapshots. Saved and restored as a session.
#pragma once

#include "api/requests.h"
#include "api/run_record.h"
#include "api/session_file.h"
#include "calib/statistics.h"
#include "compress/plan.h"
#include "job_types.h"

#include <QObject>
#include <QString>
#include <QUndoStack>
#include <QVector>

#include <memory>

namespace basislab::gui {

class WorkbenchDocument : public QObject {
    Q_OBJECT
public:
    explicit WorkbenchDocument(QObject* parent = nullptr);

    // Model
    const QString& modelDir() const { return model_dir_; }
    const ModelInfoPtr& modelInfo() const { return model_info_; }
    const ComputeOptions& compute() const { return compute_; }
    void setModel(const QString& dir, const ComputeOptions& compute, ModelInfoPtr info);
    void setCompute(const ComputeOptions& compute);

    // Calibration
    const CalibrationPtr& calibration() const { return calibration_; }
    /// The calibration file on disk, empty when the calibration lives only in memory.
    const QString& calibrationPath() const { return calibration_path_; }
    void setCalibration(CalibrationPtr summary, const QString& path);
    /// The calibration was saved to (or found at) `path`.
    void setCalibrationPath(const QString& path);
    /// Whether a saved session embeds the calibration (instead of linking its file).
    bool embedCalibration() const { return embed_calibration_; }
    void setEmbedCalibration(bool embed) { embed_calibration_ = embed; }
    const api::CalibrationRequest& calibrationRequest() const { return calibration_request_; }
    void setCalibrationRequest(const api::CalibrationRequest& request);

    // Plan: edit through editPlan() so that the change is undoable.
    const CompressionPlan& plan() const { return plan_; }
    /// Pushes an undo command that changes the plan to `plan`. Consecutive edits with the same
    /// non-negative `merge_id` (e.g. dragging the ratio slider) merge into one undo step.
    void editPlan(const CompressionPlan& plan, const QString& text, int merge_id = -1);
    /// Sets the plan without an undo step (used by the undo commands and by loading a session).
    void setPlan(const CompressionPlan& plan);
    QUndoStack* undoStack() { return &undo_; }

    // Evaluation
    const api::PerplexityRequest& evaluationRequest() const { return evaluation_request_; }
    void setEvaluationRequest(const api::PerplexityRequest& request);
    const QVector<api::RunRecord>& runs() const { return runs_; }
    void addRun(const api::RunRecord& run);
    void removeRuns(QVector<int> rows);

    // Session
    const QString& sessionPath() const { return session_path_; }
    void setSessionPath(const QString& path);
    bool isModified() const { return modified_; }
    void setModified(bool modified);
    /// The document as a session: the calibration linked to its file (or embedded from it) when
    /// it has one; a calibration only in memory is left out (save it first).
    api::SessionData toSession() const;
    /// Takes the session's settings, plan and runs. The model and the calibration are loaded by
    /// the caller (they need the worker); this clears them and the undo history.
    void applySession(const api::SessionData& data);

Q_SIGNALS:
    void modelChanged();
    void computeChanged();
    void calibrationChanged();
    void calibrationPathChanged();
    void calibrationRequestChanged();
    void planChanged();
    void evaluationRequestChanged();
    void runsChanged();
    void sessionPathChanged();
    void modifiedChanged(bool modified);

private:
    QString model_dir_;
    ModelInfoPtr model_info_;
    ComputeOptions compute_;
    CalibrationPtr calibration_;
    QString calibration_path_;
    bool embed_calibration_ = false;
    api::CalibrationRequest calibration_request_;
    CompressionPlan plan_;
    QUndoStack undo_;
    api::PerplexityRequest evaluation_request_;
    QVector<api::RunRecord> runs_;
    QString session_path_;
    bool modified_ = false;
};

}  // namespace basislab::gui
