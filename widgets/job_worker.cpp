#include "job_worker.h"

#include "api/model_session.h"
#include "base/error.h"

#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>
#include <chrono>

namespace basislab::gui {
namespace {
// Progress signals are throttled to this interval so a fast job cannot flood the GUI thread.
constexpr auto kProgressInterval = std::chrono::milliseconds(50);

JobProgress toJobProgress(const Progress& p) {
    JobProgress j;
    j.stage = QString::fromStdString(p.stage);
    j.done = p.done;
    j.total = p.total;
    j.layer = p.layer;
    j.layers = p.layers;
    j.tokens_per_second = p.tokens_per_second;
    j.eta_seconds = p.eta_seconds;
    j.message = QString::fromStdString(p.message);
    return j;
}
}  // namespace

JobWorker::JobWorker(std::shared_ptr<JobFlags> flags) : flags_(std::move(flags)) {}

JobWorker::~JobWorker() = default;

ProgressFn JobWorker::progressFor(quint64 id) {
    auto last = std::chrono::steady_clock::time_point{};
    return [this, id, last](const Progress& p) mutable {
        if (flags_->cancelled(id)) return false;
        const auto now = std::chrono::steady_clock::now();
        if (now - last >= kProgressInterval || (p.total > 0 && p.done >= p.total)) {
            last = now;
            Q_EMIT progress(id, toJobProgress(p));
        }
        return true;
    };
}

void JobWorker::run(quint64 id, const std::function<void()>& work) {
    if (flags_->cancelled(id)) {
        Q_EMIT cancelled(id);
        return;
    }
    try {
        work();
    } catch (const Cancelled&) {
        Q_EMIT cancelled(id);
    } catch (const std::exception& e) {
        Q_EMIT failed(id, QString::fromStdString(e.what()));
    } catch (...) {
        Q_EMIT failed(id, QStringLiteral("unknown error"));
    }
}

api::ModelSession& JobWorker::requireModel() const {
    if (!model_) throw Error("no model is open");
    return *model_;
}

void JobWorker::listDevices() {
    QStringList devices;
    try {
        for (const std::string& d : availableDevices()) devices << QString::fromStdString(d);
    } catch (const std::exception&) {
        devices = QStringList{QStringLiteral("cpu")};
    }
    Q_EMIT devicesFound(devices);
    Q_EMIT deviceInfosFound(deviceInfos());
}

void JobWorker::openModel(quint64 id, const QString& dir, const ComputeOptions& compute) {
    run(id, [&] {
        auto session = api::ModelSession::open(dir.toStdString(), compute);
        // Temporary calibration stores live in the cache folder, removed when the session lets go.
        session->setCacheFolder(
            (QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/calibrations"))
                .toStdString());
        // The same model with other compute options keeps its calibration.
        if (model_ && model_->info().dir == session->info().dir) session->adoptCalibration(*model_);
        auto info = std::make_shared<const ModelInfo>(session->info());
        model_ = std::move(session);
        Q_EMIT modelOpened(id, info);
    });
}

void JobWorker::evaluate(quint64 id, const api::PerplexityRequest& request) {
    run(id, [&] { Q_EMIT evaluated(id, requireModel().perplexity(request, progressFor(id))); });
}

void JobWorker::evaluatePlan(quint64 id, const CompressionPlan& plan, const api::PerplexityRequest& request) {
    run(id, [&] {
        auto result =
            std::make_shared<const api::PlanEvaluation>(requireModel().evaluate(plan, request, progressFor(id)));
        Q_EMIT planEvaluated(id, result);
    });
}

void JobWorker::updatePlan(quint64 id, const CompressionPlan& plan) {
    run(id, [&] {
        auto report = std::make_shared<const CompressionReport>(requireModel().update(plan, progressFor(id)));
        Q_EMIT planUpdated(id, report);
    });
}

void JobWorker::evaluateGrid(quint64 id, const PlanList& plans, const api::PerplexityRequest& request) {
    run(id, [&] {
        api::ModelSession& model = requireModel();
        using Clock = std::chrono::steady_clock;
        const auto start = Clock::now();
        const int runs = int(plans.size());
        for (int i = 0; i < runs; ++i) {
            const auto run_start = Clock::now();
            const double finished_seconds = std::chrono::duration<double>(run_start - start).count();
            auto last = Clock::time_point{};
            // The grid's progress: runs done plus the fraction of the current stage; the ETA from the
            // mean time of the finished runs (the current run's own estimate before the first).
            const ProgressFn progress = [&, i](const Progress& p) {
                if (flags_->cancelled(id)) return false;
                const auto now = Clock::now();
                if (now - last < kProgressInterval) return true;
                last = now;
                JobProgress j = toJobProgress(p);
                const double within = p.total > 0 ? std::min(0.999, double(p.done) / double(p.total)) : 0.0;
                j.done = qint64(1000.0 * (i + within));
                j.total = qint64(1000) * runs;
                j.layer = -1;
                j.run = i;
                j.runs = runs;
                const double in_run = std::chrono::duration<double>(now - run_start).count();
                j.eta_seconds = i > 0 ? std::max(0.0, finished_seconds / i * (runs - i) - in_run)
                                      : (p.eta_seconds >= 0 && runs == 1 ? p.eta_seconds : -1);
                Q_EMIT this->progress(id, j);
                return true;
            };
            auto result =
                std::make_shared<const api::PlanEvaluation>(model.evaluate(plans[std::size_t(i)], request, progress));
            Q_EMIT gridRunEvaluated(id, i, plans[std::size_t(i)], result);
        }
        Q_EMIT gridEvaluated(id, runs);
    });
}

void JobWorker::calibrate(quint64 id, const api::CalibrationRequest& request) {
    // A temporary store has no path for the document: it is not kept until it is saved.
    run(id, [&] {
        Q_EMIT calibrated(id, requireModel().calibrate(request, progressFor(id)),
                          QString::fromStdString(request.store_path));
    });
}

void JobWorker::loadCalibration(quint64 id, const QString& path, const QString& embedded_in) {
    run(id, [&] {
        if (!embedded_in.isEmpty()) api::extractEmbeddedCalibration(embedded_in.toStdString(), path.toStdString());
        Q_EMIT calibrated(id, requireModel().loadCalibration(path.toStdString()), path);
    });
}

void JobWorker::saveCalibration(quint64 id, const QString& path) {
    run(id, [&] {
        requireModel().saveCalibration(path.toStdString(), progressFor(id));
        Q_EMIT calibrationSaved(id, path);
    });
}

void JobWorker::saveSession(quint64 id, const api::SessionData& data, const QString& path) {
    run(id, [&] {
        if (data.calibration_source != api::CalibrationSource::None &&
            !QFileInfo::exists(QString::fromStdString(data.calibration_path)))
            throw Error("the calibration file '" + data.calibration_path + "' was not written");
        api::writeSession(path.toStdString(), data);
        Q_EMIT sessionSaved(id, path);
    });
}

void JobWorker::preview(quint64 id, const CompressionPlan& plan) {
    if (flags_->stalePreview(id)) return;
    try {
        const ProgressFn progress = [this, id](const Progress&) { return !flags_->stalePreview(id); };
        auto result = std::make_shared<const api::PlanPreview>(requireModel().preview(plan, progress));
        Q_EMIT previewed(id, result);
    } catch (const Cancelled&) {
        // A newer preview was asked for: this one is dropped.
    } catch (const std::exception& e) {
        Q_EMIT previewFailed(id, QString::fromStdString(e.what()));
    }
}

}  // namespace basislab::gui
