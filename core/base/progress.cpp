#include "progress.h"

#include "error.h"

namespace basislab {

ProgressReporter::ProgressReporter(ProgressFn fn, std::string stage, std::int64_t total)
    : fn_(std::move(fn)), stage_(std::move(stage)), total_(total), start_(std::chrono::steady_clock::now()) {
    last_.stage = stage_;
    last_.total = total_;
}

double ProgressReporter::elapsedSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ProgressReporter::report(std::int64_t done, std::int64_t tokens, int layer, int layers,
                              const std::string& message) {
    if (!fn_) return;
    const double seconds = elapsedSeconds();
    Progress p;
    p.stage = stage_;
    p.layer = layer;
    p.layers = layers;
    p.done = done;
    p.total = total_;
    p.message = message;
    p.tokens_per_second = (seconds > 0 && tokens > 0) ? double(tokens) / seconds : 0.0;
    p.eta_seconds = (done > 0 && total_ > 0) ? seconds * double(total_ - done) / double(done) : -1.0;
    last_ = p;
    if (!fn_(p)) throw Cancelled();
}

void ProgressReporter::poll() {
    if (fn_ && !fn_(last_)) throw Cancelled();
}

}  // namespace basislab
