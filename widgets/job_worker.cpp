#include "job_worker.h"

#include "api/model_session.h"
#include "base/error.h"

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

const api::ModelSession& JobWorker::requireModel() const {
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
}

void JobWorker::openModel(quint64 id, const QString& dir, const ComputeOptions& compute) {
    run(id, [&] {
        auto session = api::ModelSession::open(dir.toStdString(), compute);
        auto info = std::make_shared<const ModelInfo>(session->info());
        model_ = std::move(session);
        Q_EMIT modelOpened(id, info);
    });
}

void JobWorker::evaluate(quint64 id, const api::PerplexityRequest& request) {
    run(id, [&] { Q_EMIT evaluated(id, requireModel().perplexity(request, progressFor(id))); });
}

}  // namespace basislab::gui
