// What calibration measures, without the Grams: per layer and site statistics, the settings that
// produced them and the model they belong to. Torch-free (Eigen only), so the GUI can hold and
// plot it; the Grams themselves are behind calib/calibration.h.
#pragma once

#include "../model/fingerprint.h"
#include "../model/names.h"

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace basislab {

/// Statistics of one site's input X (tokens x d_in) of one layer; G = X^T X (raw sums).
struct SiteStatistics {
    int layer = 0;
    Site site = Site::attn_in;
    std::int64_t tokens = 0;  // rows of X
    std::int64_t width = 0;  // d_in
    double trace = 0;  // tr(G)
    double fro = 0;  // ||G||_F
    double max_eig = 0;  // lambda_max(G)
    double mean_sq_norm = 0;  // tr(G) / tokens = mean over tokens of ||x||^2
    Eigen::VectorXd mean_abs;  // per channel: mean over tokens of |x_j|   (ASVD)
    Eigen::VectorXd mean_sq;  // per channel: mean over tokens of x_j^2 = diag(G) / tokens
    Eigen::VectorXd eigenvalues;  // of G, descending (the Gram spectrum)
    // The raw per-channel sums behind mean_abs and mean_sq (float64), kept so that merging two
    // calibrations adds sums instead of rescaled means.
    Eigen::VectorXd sum_abs;  // sum over tokens of |x_j|
    Eigen::VectorXd sum_sq;  // sum over tokens of x_j^2
};

struct CalibrationSettings {
    std::string text_path;
    std::string text_sha256;
    std::int64_t text_tokens = 0;  // tokens of the whole text
    int windows = 0;  // N
    int seq_len = 0;  // L, tokens per window including BOS
    std::optional<std::uint64_t> shuffle_seed;  // unset: the first N windows in order
    std::string device;
    std::string dtype;  // compute dtype of the forward pass
    bool fisher = false;  // Fisher diagonals were accumulated
    std::string gram_accumulation = "float64";  // or "float32-waves" (site_accumulator.h)
    std::vector<std::int64_t> window_indices;  // which windows of the text were used, in order
    int world_size = 1;  // processes that calibrated together (not part of the identity)
};

/// Everything about a calibration except the Grams (and Fisher diagonals).
struct CalibrationSummary {
    ModelIdentity model;
    CalibrationSettings settings;
    int layers = 0;
    std::int64_t tokens = 0;  // tokens per site = windows * seq_len
    double seconds = 0;  // wall time of the calibration run
    std::vector<SiteStatistics> sites;  // layer-major: index = layer * 4 + site

    const SiteStatistics& at(int layer, Site site) const { return sites[std::size_t(layer) * 4 + std::size_t(site)]; }
};

}  // namespace basislab
