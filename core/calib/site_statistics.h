// The statistics of a site from its raw sums (site_accumulator.h): trace, Frobenius norm,
// lambda_max, the mean squared token norm and the per-channel means, always; the full eigen-
// spectrum of G (float64 symmetric eigensolver, O(d^3)) only for sites at most
// `spectrum_max_width` wide. lambda_max comes from that spectrum when there is one, otherwise from
// Lanczos (lanczos.h, O(d^2) per step), so what the alpha forms need is cheap at any width; a site
// without a spectrum has an empty `eigenvalues`.
#pragma once

#include "statistics.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <functional>

namespace basislab {

/// Default: spectra of sites up to 2048 channels (every site of the demo model and of models up
/// to Llama2-7B's attention width halved); wider sites get lambda_max by Lanczos only.
inline constexpr std::int64_t kDefaultSpectrumMaxWidth = 2048;

struct StatisticsOptions {
    std::int64_t spectrum_max_width = kDefaultSpectrumMaxWidth;  // 0: no spectra; a huge value: all
    std::function<void()> poll;  // called between Lanczos steps (it may throw Cancelled)
};

/// G [d, d] float64; sum_abs, sum_sq [d] float64, all on one device.
SiteStatistics siteStatistics(int layer, Site site, std::int64_t tokens, const at::Tensor& G, const at::Tensor& sum_abs,
                              const at::Tensor& sum_sq, const StatisticsOptions& options = {});

/// The full spectrum of G, descending (float64 eigvalsh; for spectra computed on demand).
Eigen::VectorXd gramSpectrum(const at::Tensor& G);

}  // namespace basislab
