#include "calibration.h"

#include "../base/error.h"

namespace basislab {

InMemoryCalibration::InMemoryCalibration(CalibrationSummary summary, std::map<std::pair<int, Site>, at::Tensor> grams,
                                         std::map<std::pair<int, MatrixType>, at::Tensor> fisher)
    : summary_(std::move(summary)), grams_(std::move(grams)), fisher_(std::move(fisher)) {}

at::Tensor InMemoryCalibration::gram(int layer, Site site) const {
    const auto it = grams_.find({layer, site});
    if (it == grams_.end())
        throw Error("the calibration has no Gram for layer " + std::to_string(layer) + ", site " + name(site));
    return it->second;
}

at::Tensor InMemoryCalibration::fisher(int layer, MatrixType type) const {
    const auto it = fisher_.find({layer, type});
    if (it == fisher_.end())
        throw Error("the calibration has no Fisher diagonal for layer " + std::to_string(layer) + ", type " +
                    name(type) + " (calibrate with --fisher)");
    return it->second;
}

void InMemorySink::site(const SiteStatistics& stats, const at::Tensor& G) {
    grams_[{stats.layer, stats.site}] = G;
}

void InMemorySink::fisher(int layer, MatrixType type, const at::Tensor& F) {
    fisher_[{layer, type}] = F;
}

std::shared_ptr<InMemoryCalibration> InMemorySink::finish(CalibrationSummary summary) {
    return std::make_shared<InMemoryCalibration>(std::move(summary), std::move(grams_), std::move(fisher_));
}

}  // namespace basislab
