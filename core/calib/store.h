// The HDF5 calibration store: one file per calibration, readable with h5py (plain datasets and
// attributes, no opaque blobs), e.g. h5py.File("calib.h5")["layers/0/attn_in/gram"][()].
//
// Layout, format_version 3 (strings are variable-length UTF-8; scalars are scalar attributes).
// Version 2 files are read too: they lack world_size, which then reads as 1. Version 1 files also
// lack gram_accumulation, which then reads as "float64", and every site of theirs has its
// eigenvalues (from version 2 on they are optional: see eigenvalues below).
//   1. root attributes
//        format_version             int32    3 (1 and 2 are read too); any other value, or none, is refused
//        created_by                 string   "BasisLab <version>"
//        model_path                 string   the model folder as given (informational)
//        model_config_sha256        string   SHA-256 of config.json            } the model identity,
//        model_weights_fingerprint  string   see model/fingerprint.h            } checked on load
//        model_tensor_count         int64
//        model_weight_bytes         int64
//        text_path                  string   calibration text ("" when the windows were passed in)
//        text_sha256                string   SHA-256 of the text file's bytes
//        text_tokens                int64    tokens of the whole text
//        windows                    int32    N
//        seq_len                    int32    L, tokens per window including BOS
//        shuffle_seed               int64    -1: the first N windows in order
//        device, dtype              string   where and in what dtype the forward pass ran
//        fisher                     int32    1 when /layers/<l>/fisher exists
//        gram_accumulation          string   "float64" or "float32-waves" (calib/site_accumulator.h)
//        world_size                 int32    processes that calibrated together (calibration_shard.h);
//                                            not part of the calibration's identity
//        layers                     int32    number of decoder layers
//        tokens                     int64    rows of X per site = N * L
//        seconds                    float64  wall time of the calibration run
//   2. /window_indices              int64 [N]   the text's windows used, in order (empty when the
//                                               windows were passed in already tokenized)
//   3. /layers/<l>/<site>/          l = 0 .. layers-1, site = attn_in | o_in | mlp_in | down_in
//        gram                       float64 [d, d]  G = X^T X, raw sums
//        eigenvalues                float64 [d]     of G, descending; optional (only sites that
//                                                   got a full spectrum, calibrator.h)
//        mean_abs, mean_sq          float64 [d]     per channel mean of |x| and of x^2
//        sum_abs, sum_sq            float64 [d]     the raw per-channel sums behind them
//        attributes: tokens int64, width int64, trace float64 (tr G), fro float64 (||G||_F),
//                    max_eig float64 (lambda_max G), mean_sq_norm float64 (tr G / tokens)
//   4. /layers/<l>/fisher/<type>    float32 [d_out, d_in]  type = q k v o gate up down (fisher = 1)
//
// Files are written to a temporary name beside the target and renamed onto it when complete, so a
// cancelled or crashed write leaves no file. Every HDF5 call in this module runs under the
// process-wide HDF5 lock (base/hdf5_lock.h).
#pragma once

#include "../base/progress.h"
#include "calibration.h"

#include <memory>
#include <string>

namespace basislab {

inline constexpr int kCalibrationFormatVersion = 3;
/// The oldest format_version still read (1: no gram_accumulation attribute).
inline constexpr int kCalibrationOldestReadVersion = 1;

/// Writes a calibration store piece by piece (a CalibrationSink), to a temporary file that
/// commit() renames onto `path`. Destroyed without commit(), it removes the temporary file.
class CalibrationWriter : public CalibrationSink {
public:
    explicit CalibrationWriter(const std::string& path);
    ~CalibrationWriter() override;
    CalibrationWriter(const CalibrationWriter&) = delete;
    CalibrationWriter& operator=(const CalibrationWriter&) = delete;

    void site(const SiteStatistics& stats, const at::Tensor& G) override;
    void fisher(int layer, MatrixType type, const at::Tensor& F) override;
    /// Writes the root attributes and /window_indices, checks that every site (and every Fisher
    /// diagonal when summary.settings.fisher) was written, closes the file and renames it.
    void commit(const CalibrationSummary& summary);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Saves a calibration atomically. Progress stage "save", one unit per dataset group; a cancel
/// throws Cancelled and leaves no file.
void saveCalibration(const std::string& path, const Calibration& calibration, const ProgressFn& progress = {});

/// Opens a store: reads the summary at once and each Gram / Fisher diagonal when asked for it.
/// When `expected` is given, the store must belong to that model (config hash and weights
/// fingerprint), otherwise Error. A missing, truncated, non-HDF5 or wrong-version file is an Error
/// naming the file.
std::shared_ptr<Calibration> openCalibration(const std::string& path, const ModelIdentity* expected = nullptr);

/// The statistics only, without the Grams (for the GUI and `inspect`).
CalibrationSummary readCalibrationSummary(const std::string& path);

}  // namespace basislab
