// The two versions each crash_writer mode alternates between, shared with the test that checks
// what a kill left behind.
#pragma once

#include "api/session_file.h"
#include "calib/calibration.h"
#include "compress/plan.h"
#include "synthetic_calibration.h"

#include <memory>
#include <string>

namespace basislab::crash {

/// Two calibrations of 3 layers, sites 96 wide (a store of about 1 MB).
inline std::shared_ptr<InMemoryCalibration> storeVersion(int v) {
    return test::syntheticCalibration(3, 96, 4, 16, std::uint64_t(1 + v));
}

/// Two sessions (1 or 3 runs), both embedding the calibration file `calib`.
inline api::SessionData sessionVersion(int v, const std::string& calib) {
    api::SessionData d;
    d.model_dir = v ? "/models/b" : "/models/a";
    d.calibration_source = api::CalibrationSource::Embedded;
    d.calibration_path = calib;
    api::RunRecord r;
    r.ppl = 10 + v;
    d.runs.assign(v ? 3 : 1, r);
    d.view["version"] = std::to_string(v);
    return d;
}

inline CompressionPlan exportPlan(int v) {
    CompressionPlan p;
    p.method = Method::basis_sharing;
    p.ratio = v ? 0.6 : 0.3;
    return p;
}

}  // namespace basislab::crash
