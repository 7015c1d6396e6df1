// Values that travel between the workbench's worker thread and the GUI thread in queued signals.
// All are immutable snapshots: plain structs and shared pointers to const.
#pragma once

#include "api/requests.h"
#include "base/compute.h"
#include "model/model_info.h"

#include <QMetaType>
#include <QString>

#include <memory>

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
};

enum class JobKind { OpenModel, Evaluate, Calibrate, LoadCalibration };

using ModelInfoPtr = std::shared_ptr<const ModelInfo>;

}  // namespace basislab::gui

Q_DECLARE_METATYPE(basislab::gui::JobProgress)
Q_DECLARE_METATYPE(basislab::gui::JobKind)
Q_DECLARE_METATYPE(basislab::gui::ModelInfoPtr)
Q_DECLARE_METATYPE(basislab::ComputeOptions)
Q_DECLARE_METATYPE(basislab::api::PerplexityRequest)
Q_DECLARE_METATYPE(basislab::api::PerplexitySnapshot)
