#include "store_calibration.h"

#include "../base/error.h"
#include "../base/file_move.h"
#include "store.h"

#include <filesystem>

namespace basislab {

StoreCalibration::StoreCalibration(std::string path, bool temporary, const ModelIdentity* expected)
    : path_(std::move(path)), temporary_(temporary) {
    try {
        store_ = openCalibration(path_, expected);
    } catch (...) {
        std::error_code ec;
        if (temporary_) std::filesystem::remove(path_, ec);
        throw;
    }
    summary_ = store_->summary();
}

StoreCalibration::~StoreCalibration() {
    store_.reset();  // closes the file (under the HDF5 lock) before it is removed
    if (temporary_) {
        std::error_code ec;
        std::filesystem::remove(path_, ec);
    }
}

std::shared_ptr<Calibration> StoreCalibration::current() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return store_;
}

at::Tensor StoreCalibration::gram(int layer, Site site) const {
    return current()->gram(layer, site);
}

at::Tensor StoreCalibration::fisher(int layer, MatrixType type) const {
    return current()->fisher(layer, type);
}

std::string StoreCalibration::path() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return path_;
}

bool StoreCalibration::temporary() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return temporary_;
}

std::uint64_t StoreCalibration::fileBytes() const {
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path(), ec);
    if (ec) throw Error("cannot read the size of the calibration store '" + path() + "': " + ec.message());
    return std::uint64_t(bytes);
}

void StoreCalibration::keep(const std::string& target, const ProgressFn& progress) {
    const std::string from = path();
    moveFile(from, target, progress);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        path_ = target;
        temporary_ = false;
    }
    // Read from the new place: after a copy the old file is gone (its space is freed once closed).
    std::shared_ptr<Calibration> moved = openCalibration(target);
    std::lock_guard<std::mutex> lock(mutex_);
    store_ = std::move(moved);
}

}  // namespace basislab
