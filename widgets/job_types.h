// Values that travel between the workbench's worker thread and the GUI thread in queued signals.
// All are immutable snapshots: plain structs and shared pointers to const.
#pragma once

#include "api/model_session.h"
#include "api/requests.h"
#include "api/session_file.h"
#include "base/compute.h"
#include "base/device_query.h"
#include "calib/statistics.h"
#include "compress/plan.h"
#include "model/model_info.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

namespace basislab::gui {

/// What a long job is doing now, from the core's Progress.
struct JobProgress {
    QString stage;
    qint64 done = 0;
    qint64 total = 0;
    int layer = -1;
    int layers = 0;
    double tokens_per_second = 0;
    double eta_seconds = -1;
    QString message;
    int run = -1;  // a grid job: the run in progress (0-based) of `runs`
    int runs = 0;
};

enum class JobKind {
    OpenModel,
    Evaluate,
    EvaluatePlan,
    EvaluateGrid,
    Calibrate,
    LoadCalibration,
    SaveCalibration,
    SaveSession,
    UpdatePlan
};

using ModelInfoPtr = std::shared_ptr<const ModelInfo>;
using CalibrationPtr = std::shared_ptr<const CalibrationSummary>;
using PreviewPtr = std::shared_ptr<const api::PlanPreview>;
using PlanEvaluationPtr = std::shared_ptr<const api::PlanEvaluation>;
/// What a compression with a streamed update did (its output errors per layer).
using ReportPtr = std::shared_ptr<const CompressionReport>;
using PlanList = std::vector<CompressionPlan>;
/// Every device with its memory (base/device_query.h), for the Model page.
using DeviceInfoList = std::vector<DeviceInfo>;

}  // namespace basislab::gui

Q_DECLARE_METATYPE(basislab::gui::JobProgress)
Q_DECLARE_METATYPE(basislab::gui::JobKind)
Q_DECLARE_METATYPE(basislab::gui::ModelInfoPtr)
Q_DECLARE_METATYPE(basislab::gui::CalibrationPtr)
Q_DECLARE_METATYPE(basislab::gui::PreviewPtr)
Q_DECLARE_METATYPE(basislab::gui::PlanEvaluationPtr)
Q_DECLARE_METATYPE(basislab::gui::ReportPtr)
Q_DECLARE_METATYPE(basislab::gui::DeviceInfoList)
Q_DECLARE_METATYPE(basislab::ComputeOptions)
Q_DECLARE_METATYPE(basislab::CompressionPlan)
Q_DECLARE_METATYPE(basislab::gui::PlanList)
Q_DECLARE_METATYPE(basislab::api::PerplexityRequest)
Q_DECLARE_METATYPE(basislab::api::PerplexitySnapshot)
Q_DECLARE_METATYPE(basislab::api::CalibrationRequest)
Q_DECLARE_METATYPE(basislab::api::SessionData)
