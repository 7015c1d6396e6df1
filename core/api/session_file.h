// The workbench's session file: everything needed to restore a window, in HDF5 (the library of
// the calibration store). Written atomically (temporary file, flush, rename).
//
// Layout, format_version 3 (strings are variable-length UTF-8; ints are int64 unless noted):
//   /                     attrs  format = "basislab-session", format_version = 1,
//                                writer = "BasisLab <version>", saved_at (ISO 8601 UTC)
//   /model                attrs  path, device, dtype, threads
//   /calibration          attrs  source = "none" | "link" | "embedded",
//                                path, identity (calibrationIdentity() of the calibration, to
//                                check a linked file is still the same calibration),
//                                text_path, windows, seq_len, seed (-1 = first windows in order),
//                                fisher (0/1)
//   /calibration/store    group  (source "embedded" only) the root of the calibration file,
//                                copied object by object (H5Ocopy) with its attributes; only
//                                stores up to kMaxEmbeddedCalibrationBytes are embedded, larger
//                                ones are linked
//   /plan                 attrs  method ("svd", "asvd", "fwsvd", "svd-llm", "basis-sharing"),
//                                ratio (double), types and shared (type lists, "q,k,v"),
//                                group_size (int64[7], kMatrixTypes order), alpha (AlphaForm text,
//                                "inv-trace", "power:0.75", ...), refit (0/1), asvd_exponent,
//                                allocation ("uniform", "error"; version 3, absent = uniform)
//                                update ("none", "refit", "deviated", "compensate"; version 3,
//                                refit = 1 exactly when it is "refit") (compress/plan.h defines each)
//   /evaluation           attrs  text_path, window, max_windows, protocol ("basislab",
//                                "basis-sharing", "svd-llm"; version 2), zeroshot_tasks (the task
//                                files, one per line; version 2)
//   /runs                 attrs  count; one group per run, "0000", "0001", ... in table order,
//                                attrs: the plan's attrs (as /plan) + compressed (0: the original
//                                model, the plan unused), achieved_ratio, params, ppl (NaN = none),
//                                error (NaN = none), seconds, text_path, window, windows, device,
//                                dtype, finished_at, protocol (version 2)
//   /runs/NNNN/zeroshot   attrs  count (version 2); one group per task, "0000", ..., attrs task,
//                                path, documents, acc, acc_stderr, acc_norm, acc_norm_stderr
//                                (NaN = none)
// Version 1 files (no protocol, no zero-shot) read as protocol "basislab" without warnings.
// Version 2 files (no allocation) read as allocation "uniform" without warnings.
// Version 2 files (no update) read their plans' update as refit when refit = 1, else none.
//   /view                 attrs  free-form UI state strings (current step, selections, ...)
// Reading collects warnings for missing optional attributes instead of failing; a file that is
// not a session, or was written by a newer format_version, is an Error.
#pragma once

#include "../base/compute.h"
#include "../calib/statistics.h"
#include "../compress/plan.h"
#include "requests.h"
#include "run_record.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace basislab::api {

inline constexpr int kSessionFormatVersion = 3;

enum class CalibrationSource { None, Link, Embedded };

struct SessionData {
    std::string model_dir;
    ComputeOptions compute;
    CalibrationSource calibration_source = CalibrationSource::None;
    std::string calibration_path;  // Link: the calibration file; Embedded: the file it was copied from
    std::string calibration_identity;  // calibrationIdentity() of the calibration
    CalibrationRequest calibration_request;  // the calibration page's settings
    CompressionPlan plan;
    PerplexityRequest evaluation;  // the evaluation page's settings
    std::vector<RunRecord> runs;
    std::map<std::string, std::string> view;
};

/// A cheap identity of a calibration: SHA-256 over its model's identity, the text's hash and the
/// window settings, so a linked calibration file can be recognised without hashing its Grams.
std::string calibrationIdentity(const CalibrationSummary& summary);

/// A session never embeds a calibration store larger than this (a Llama2-7B store is 44 GB): it
/// links it instead (writeSession), so that sessions stay small and quick to open.
inline constexpr std::uint64_t kMaxEmbeddedCalibrationBytes = std::uint64_t(256) << 20;

/// The calibration source writeSession writes for `data`: Link instead of Embedded when the file
/// at data.calibration_path is larger than `embed_limit_bytes`. Throws Error naming the file when
/// an embedded one cannot be read.
CalibrationSource sessionCalibrationSource(const SessionData& data,
                                           std::uint64_t embed_limit_bytes = kMaxEmbeddedCalibrationBytes);

/// Writes `data` to `path` atomically. With calibration_source Embedded, the file at
/// data.calibration_path is copied into the session, unless it is larger than `embed_limit_bytes`:
/// then the session links it. Returns the source written. Throws Error naming the path on failure.
CalibrationSource writeSession(const std::string& path, const SessionData& data,
                               std::uint64_t embed_limit_bytes = kMaxEmbeddedCalibrationBytes);

/// Reads a session. Missing optional attributes become defaults and a line in `warnings`.
SessionData readSession(const std::string& path, std::vector<std::string>* warnings = nullptr);

/// Writes the calibration embedded in session `session_path` to `target_path` as a standalone
/// calibration file (atomically). Throws Error when the session embeds none.
void extractEmbeddedCalibration(const std::string& session_path, const std::string& target_path);
/// The same, in this process and straight into out_path (no atomic rename): what the helper
/// process basislab-h5check runs for extractEmbeddedCalibration (base/isolated_read.h).
void extractEmbeddedCalibrationTo(const std::string& session_path, const std::string& out_path);

}  // namespace basislab::api
