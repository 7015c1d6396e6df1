// basislab-h5check: reads a calibration store or a session file exactly as BasisLab does, in a
// process of its own, so that a damaged file that crashes HDF5 or makes it loop takes down only
// this process (core/base/isolated_read.h). BasisLab starts it; it is not meant to be run by hand.
//
//   basislab-h5check store FILE            read the store's summary
//   basislab-h5check session FILE          read the session
//   basislab-h5check extract SESSION OUT   write the session's embedded calibration to OUT
//
// Exit status 0: read; 3: an error, whose message is on standard error; 2: bad arguments.
#include "api/session_file.h"
#include "base/error.h"
#include "base/isolated_read.h"
#include "calib/store.h"

#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    using namespace basislab;
    runReadsInThisProcess();
    const std::string command = argc > 1 ? argv[1] : "";
    try {
        if (command == "store" && argc == 3) {
            readCalibrationSummary(argv[2]);
        } else if (command == "session" && argc == 3) {
            api::readSession(argv[2], nullptr);
        } else if (command == "extract" && argc == 4) {
            api::extractEmbeddedCalibrationTo(argv[2], argv[3]);
        } else {
            std::fprintf(stderr, "usage: basislab-h5check store FILE | session FILE | extract SESSION OUT\n");
            return 2;
        }
    } catch (const std::exception& e) {
        std::fputs(e.what(), stderr);
        return kIsolatedErrorStatus;
    }
    return 0;
}
