// A calibration read from its HDF5 store on disk, which it may own. The workbench calibrates into
// a store (a temporary one in its cache folder unless the user named a file) and reads the Grams
// from it on demand, so that at Llama2-7B (44 GB of float64 Grams) no more than the Grams the
// current job asked for are in memory: the store keeps no Gram cache (each gram() reads the
// dataset; the compression's own caches have their byte budgets, compress/group_factorizer.h).
//
// A temporary store is removed when the last reference to its calibration goes (the session is
// closed, or calibrates or loads another), unless keep() moved it to a permanent place first. A
// process killed before that leaves it behind; the next calibration removes it (store_files.h).
#pragma once

#include "../base/progress.h"
#include "calibration.h"

#include <memory>
#include <mutex>
#include <string>

namespace basislab {

class StoreCalibration : public Calibration {
public:
    /// Opens the store at `path` (openCalibration, store.h; `expected` as there). A temporary
    /// store is owned: removed by the destructor, and also when opening it fails.
    StoreCalibration(std::string path, bool temporary, const ModelIdentity* expected = nullptr);
    ~StoreCalibration() override;
    StoreCalibration(const StoreCalibration&) = delete;
    StoreCalibration& operator=(const StoreCalibration&) = delete;

    const CalibrationSummary& summary() const override { return summary_; }
    at::Tensor gram(int layer, Site site) const override;
    at::Tensor fisher(int layer, MatrixType type) const override;

    std::string path() const;
    bool temporary() const;
    /// Bytes of the store on disk.
    std::uint64_t fileBytes() const;
    /// Moves the store to `target` (base/file_move.h: a rename on the same file system, else an
    /// atomic copy) and reads from there on; the store is permanent from then on. Progress and
    /// cancellation as moveFile (a cancel leaves the store where it was).
    void keep(const std::string& target, const ProgressFn& progress = {});

private:
    std::shared_ptr<Calibration> current() const;

    mutable std::mutex mutex_;
    std::string path_;
    bool temporary_;
    std::shared_ptr<Calibration> store_;
    CalibrationSummary summary_;  // stays the same across keep()
};

}  // namespace basislab
