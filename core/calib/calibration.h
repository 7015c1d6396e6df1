// A finished calibration: the summary plus access to every Gram G_{l,s} (float64) and, when
// calibrated with --fisher, the Fisher diagonals. Implementations keep the Grams in memory (fresh
// from the calibrator) or read them on demand from the HDF5 store, so that for Llama2-7B
// (about 43 GB of float64 Grams) only the groups being compressed are ever in memory.
#pragma once

#include "statistics.h"

#include <ATen/ATen.h>

#include <map>
#include <memory>

namespace basislab {

class Calibration {
public:
    virtual ~Calibration() = default;
    virtual const CalibrationSummary& summary() const = 0;
    /// G_{l,s} = X^T X, float64 on the CPU, (d_in x d_in). Throws Error when absent.
    virtual at::Tensor gram(int layer, Site site) const = 0;
    /// Sum over calibration windows of the squared gradient of the LM loss with respect to the
    /// projection weight, float32 on the CPU, in Hugging Face layout (d_out x d_in).
    /// Throws Error when the calibration has no Fisher diagonals.
    virtual at::Tensor fisher(int layer, MatrixType type) const = 0;
    bool hasFisher() const { return summary().settings.fisher; }
};

/// Receives a calibration piece by piece while it is computed: the calibrator hands over each
/// layer's sites as soon as the layer is finished, then the Fisher diagonals. A writer can put them
/// on disk at once, so that the Grams of a large model are never all in memory.
class CalibrationSink {
public:
    virtual ~CalibrationSink() = default;
    /// One site's statistics and its Gram G (float64, CPU, d x d).
    virtual void site(const SiteStatistics& stats, const at::Tensor& G) = 0;
    /// One Fisher diagonal (float32, CPU, d_out x d_in).
    virtual void fisher(int layer, MatrixType type, const at::Tensor& F) = 0;
};

/// A calibration held in memory (what the calibrator produces, and what tests build).
class InMemoryCalibration : public Calibration {
public:
    InMemoryCalibration(CalibrationSummary summary, std::map<std::pair<int, Site>, at::Tensor> grams,
                        std::map<std::pair<int, MatrixType>, at::Tensor> fisher = {});
    const CalibrationSummary& summary() const override { return summary_; }
    at::Tensor gram(int layer, Site site) const override;
    at::Tensor fisher(int layer, MatrixType type) const override;

private:
    CalibrationSummary summary_;
    std::map<std::pair<int, Site>, at::Tensor> grams_;
    std::map<std::pair<int, MatrixType>, at::Tensor> fisher_;
};

/// A sink that keeps everything, then becomes an InMemoryCalibration.
class InMemorySink : public CalibrationSink {
public:
    void site(const SiteStatistics& stats, const at::Tensor& G) override;
    void fisher(int layer, MatrixType type, const at::Tensor& F) override;
    /// The calibration with `summary` (whose sites the calibrator filled in) and what was received.
    std::shared_ptr<InMemoryCalibration> finish(CalibrationSummary summary);

private:
    std::map<std::pair<int, Site>, at::Tensor> grams_;
    std::map<std::pair<int, MatrixType>, at::Tensor> fisher_;
};

}  // namespace basislab
