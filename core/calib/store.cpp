#include "store.h"

#include "../base/atomic_file.h"
#include "../base/error.h"
#include "../base/hdf5_lock.h"
#include "../base/isolated_read.h"
#include "../base/off_heap.h"
#include "site_accumulator.h"

#include <H5Cpp.h>

#include <cstring>
#include <filesystem>
#include <set>

#ifndef BASISLAB_VERSION
#define BASISLAB_VERSION "unknown"
#endif

namespace basislab {
namespace {

/// Runs f; an HDF5 exception becomes an Error naming the file and the object.
template <class F>
auto guarded(const std::string& file, const std::string& what, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const H5::Exception& e) {
        throw Error("'" + file + "': " + what + ": " + hdf5::cause(e));
    }
}

std::string layerPath(int layer) {
    return "/layers/" + std::to_string(layer);
}
std::string sitePath(int layer, Site site) {
    return layerPath(layer) + "/" + name(site);
}
std::string fisherPath(int layer, MatrixType type) {
    return layerPath(layer) + "/fisher/" + name(type);
}

// --- writing (under the lock) ------------------------------------------------------------------

H5::StrType utf8String() {
    H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
    t.setCset(H5T_CSET_UTF8);
    return t;
}

void writeAttr(H5::H5Object& obj, const char* attr, std::int32_t v) {
    obj.createAttribute(attr, H5::PredType::STD_I32LE, H5::DataSpace(H5S_SCALAR)).write(H5::PredType::NATIVE_INT32, &v);
}
void writeAttr(H5::H5Object& obj, const char* attr, std::int64_t v) {
    obj.createAttribute(attr, H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR)).write(H5::PredType::NATIVE_INT64, &v);
}
void writeAttr(H5::H5Object& obj, const char* attr, double v) {
    obj.createAttribute(attr, H5::PredType::IEEE_F64LE, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_DOUBLE, &v);
}
void writeAttr(H5::H5Object& obj, const char* attr, const std::string& v) {
    const H5::StrType t = utf8String();
    obj.createAttribute(attr, t, H5::DataSpace(H5S_SCALAR)).write(t, H5std_string(v));
}

void ensureGroup(H5::H5File& file, const std::string& path) {
    for (std::size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
        const std::string prefix = path.substr(0, slash);
        if (!file.nameExists(prefix)) file.createGroup(prefix);
        if (slash == std::string::npos) break;
    }
}

void writeDataset(H5::Group& loc, const std::string& dataset, const H5::PredType& file_type,
                  const H5::PredType& mem_type, const void* data, std::vector<hsize_t> dims) {
    const H5::DataSpace space(int(dims.size()), dims.data());
    H5::DataSet ds = loc.createDataSet(dataset, file_type, space);
    if (space.getSimpleExtentNpoints() > 0) ds.write(data, mem_type);
}

void writeVector(H5::Group& loc, const std::string& dataset, const Eigen::VectorXd& v) {
    writeDataset(loc, dataset, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, v.data(), {hsize_t(v.size())});
}

// --- reading (under the lock) ------------------------------------------------------------------

template <class T>
T readNumber(const H5::H5Object& obj, const char* attr, const H5::PredType& mem_type) {
    const H5::Attribute a = obj.openAttribute(attr);
    const H5T_class_t cls = a.getTypeClass();
    if ((cls != H5T_INTEGER && cls != H5T_FLOAT) || a.getSpace().getSimpleExtentNpoints() != 1)
        throw H5::AttributeIException("readNumber", std::string("attribute ") + attr + " is not a number");
    T v{};
    a.read(mem_type, &v);
    return v;
}
std::int64_t readInt(const H5::H5Object& obj, const char* attr) {
    return readNumber<std::int64_t>(obj, attr, H5::PredType::NATIVE_INT64);
}
double readDouble(const H5::H5Object& obj, const char* attr) {
    return readNumber<double>(obj, attr, H5::PredType::NATIVE_DOUBLE);
}
std::string readString(const H5::H5Object& obj, const char* attr) {
    const H5::Attribute a = obj.openAttribute(attr);
    if (a.getTypeClass() != H5T_STRING)
        throw H5::AttributeIException("readString", std::string("attribute ") + attr + " is not a string");
    H5std_string s;
    a.read(a.getStrType(), s);
    return s;
}

std::vector<hsize_t> extent(const H5::DataSet& ds) {
    const H5::DataSpace space = ds.getSpace();
    std::vector<hsize_t> dims(std::size_t(space.getSimpleExtentNdims()));
    space.getSimpleExtentDims(dims.data());
    return dims;
}

void checkExtent(const H5::DataSet& ds, const std::vector<hsize_t>& want) {
    const auto dims = extent(ds);
    if (dims != want) {
        std::string got, expected;
        for (auto d : dims) got += (got.empty() ? "" : " x ") + std::to_string(d);
        for (auto d : want) expected += (expected.empty() ? "" : " x ") + std::to_string(d);
        throw H5::DataSetIException("checkExtent", "has shape [" + got + "], expected [" + expected + "]");
    }
}

/// A dataset must hold the bytes its extent promises before a buffer of that size is allocated
/// for it: a damaged or forged file can declare a [10^6, 10^6] Gram with no data (HDF5 would
/// return fill values; allocating 8 TB fails first). Filtered (compressed) datasets store less
/// and are not checked.
void checkStored(const H5::DataSet& ds, const std::vector<hsize_t>& dims, std::size_t element_size) {
    long double bytes = element_size;
    for (hsize_t d : dims) bytes *= (long double)d;
    if (bytes > (long double)(std::uint64_t(1) << 40))
        throw H5::DataSetIException("read", "its extent is larger than 1 TiB");
    if (ds.getCreatePlist().getNfilters() > 0) return;
    const hsize_t stored = ds.getStorageSize();
    if ((long double)stored < bytes)
        throw H5::DataSetIException("read", "holds " + std::to_string(stored) + " bytes of the " +
                                                std::to_string(std::uint64_t(bytes)) +
                                                " its shape needs (truncated or damaged)");
}

Eigen::VectorXd readVector(const H5::Group& loc, const std::string& dataset, std::int64_t size) {
    const H5::DataSet ds = loc.openDataSet(dataset);
    checkExtent(ds, {hsize_t(size)});
    checkStored(ds, {hsize_t(size)}, sizeof(double));
    Eigen::VectorXd v(size);
    if (size > 0) ds.read(v.data(), H5::PredType::NATIVE_DOUBLE);
    return v;
}

at::Tensor readMatrix(const H5::H5File& file, const std::string& dataset, std::int64_t rows, std::int64_t cols,
                      at::ScalarType dtype) {
    const H5::DataSet ds = file.openDataSet(dataset);
    checkExtent(ds, {hsize_t(rows), hsize_t(cols)});
    checkStored(ds, {hsize_t(rows), hsize_t(cols)}, dtype == at::kDouble ? sizeof(double) : sizeof(float));
    at::Tensor t = emptyOffHeap({rows, cols}, dtype);  // a Gram or a Fisher diagonal: kept a while
    ds.read(t.data_ptr(), dtype == at::kDouble ? H5::PredType::NATIVE_DOUBLE : H5::PredType::NATIVE_FLOAT);
    return t;
}

std::unique_ptr<H5::H5File> openStore(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw Error("calibration file '" + path + "' does not exist");
    if (!std::filesystem::is_regular_file(path, ec)) throw Error("calibration file '" + path + "' is not a file");
    bool hdf5 = false;
    try {
        hdf5 = H5::H5File::isHdf5(path);
    } catch (const H5::Exception&) {
        hdf5 = false;
    }
    if (!hdf5) throw Error("'" + path + "' is not an HDF5 file, so not a BasisLab calibration store");
    try {
        return std::make_unique<H5::H5File>(path, H5F_ACC_RDONLY);
    } catch (const H5::Exception& e) {
        throw Error("'" + path + "' cannot be opened as HDF5 (truncated or damaged?): " + hdf5::cause(e));
    }
}

CalibrationSummary readSummary(const H5::H5File& file, const std::string& path) {
    if (!guarded(path, "format_version", [&] { return file.attrExists("format_version"); }))
        throw Error("'" + path + "' has no format_version attribute: it is not a BasisLab calibration store");
    const std::int64_t version = guarded(path, "format_version", [&] { return readInt(file, "format_version"); });
    if (version < kCalibrationOldestReadVersion || version > kCalibrationFormatVersion)
        throw Error("'" + path + "' has format_version " + std::to_string(version) +
                    "; this BasisLab reads format_version " + std::to_string(kCalibrationOldestReadVersion) + " to " +
                    std::to_string(kCalibrationFormatVersion));

    CalibrationSummary S;
    guarded(path, "root attributes", [&] {
        S.model.path = readString(file, "model_path");
        S.model.config_sha256 = readString(file, "model_config_sha256");
        S.model.weights_fingerprint = readString(file, "model_weights_fingerprint");
        S.model.tensor_count = readInt(file, "model_tensor_count");
        S.model.weight_bytes = readInt(file, "model_weight_bytes");
        CalibrationSettings& s = S.settings;
        s.text_path = readString(file, "text_path");
        s.text_sha256 = readString(file, "text_sha256");
        s.text_tokens = readInt(file, "text_tokens");
        s.windows = int(readInt(file, "windows"));
        s.seq_len = int(readInt(file, "seq_len"));
        const std::int64_t seed = readInt(file, "shuffle_seed");
        if (seed >= 0) s.shuffle_seed = std::uint64_t(seed);
        s.device = readString(file, "device");
        s.dtype = readString(file, "dtype");
        s.fisher = readInt(file, "fisher") != 0;
        s.gram_accumulation = version >= 2 ? readString(file, "gram_accumulation") : std::string("float64");
        s.world_size = version >= 3 ? int(readInt(file, "world_size")) : 1;
        S.layers = int(readInt(file, "layers"));
        S.tokens = readInt(file, "tokens");
        S.seconds = readDouble(file, "seconds");
    });
    if (S.layers <= 0 || S.layers > 100000)
        throw Error("'" + path + "': invalid layer count " + std::to_string(S.layers));
    guarded(path, "/window_indices", [&] {
        const H5::DataSet ds = file.openDataSet("/window_indices");
        const auto dims = extent(ds);
        if (dims.size() != 1) throw H5::DataSetIException("read", "is not a vector");
        checkStored(ds, dims, sizeof(std::int64_t));
        S.settings.window_indices.resize(dims[0]);
        if (dims[0] > 0) ds.read(S.settings.window_indices.data(), H5::PredType::NATIVE_INT64);
    });

    for (int l = 0; l < S.layers; ++l) {
        for (Site site : kSites) {
            const std::string group = sitePath(l, site);
            SiteStatistics st;
            st.layer = l;
            st.site = site;
            guarded(path, group, [&] {
                const H5::Group g = file.openGroup(group);
                st.tokens = readInt(g, "tokens");
                st.width = readInt(g, "width");
                if (st.width <= 0) throw H5::GroupIException("read", "invalid width");
                st.trace = readDouble(g, "trace");
                st.fro = readDouble(g, "fro");
                st.max_eig = readDouble(g, "max_eig");
                st.mean_sq_norm = readDouble(g, "mean_sq_norm");
                st.mean_abs = readVector(g, "mean_abs", st.width);
                st.mean_sq = readVector(g, "mean_sq", st.width);
                st.sum_abs = readVector(g, "sum_abs", st.width);
                st.sum_sq = readVector(g, "sum_sq", st.width);
                // Version 1 always has the spectrum; from version 2 it is optional.
                if (version < 2 || g.nameExists("eigenvalues")) st.eigenvalues = readVector(g, "eigenvalues", st.width);
                checkExtent(g.openDataSet("gram"), {hsize_t(st.width), hsize_t(st.width)});
            });
            S.sites.push_back(std::move(st));
        }
        if (S.settings.fisher) {
            for (MatrixType t : kMatrixTypes)
                guarded(path, fisherPath(l, t), [&] { (void)file.openDataSet(fisherPath(l, t)); });
        }
    }
    return S;
}

std::string shortHash(const std::string& h) {
    return h.substr(0, 12);
}

void checkIdentity(const CalibrationSummary& S, const ModelIdentity& expected, const std::string& path) {
    if (S.model.sameModel(expected)) return;
    throw Error("calibration '" + path + "' belongs to another model: it was made for '" + S.model.path + "' (config " +
                shortHash(S.model.config_sha256) + ", weights " + shortHash(S.model.weights_fingerprint) + "), not '" +
                expected.path + "' (config " + shortHash(expected.config_sha256) + ", weights " +
                shortHash(expected.weights_fingerprint) + ")");
}

/// A calibration store opened for reading; Grams and Fisher diagonals are read when asked for.
class HdfCalibration : public Calibration {
public:
    HdfCalibration(std::string path, std::unique_ptr<H5::H5File> file, CalibrationSummary summary)
        : path_(std::move(path)), file_(std::move(file)), summary_(std::move(summary)) {}
    ~HdfCalibration() override {
        hdf5::Lock lock;
        file_.reset();
    }
    HdfCalibration(const HdfCalibration&) = delete;
    HdfCalibration& operator=(const HdfCalibration&) = delete;

    const CalibrationSummary& summary() const override { return summary_; }

    at::Tensor gram(int layer, Site site) const override {
        if (layer < 0 || layer >= summary_.layers) throw Error("'" + path_ + "' has no layer " + std::to_string(layer));
        const std::int64_t d = summary_.at(layer, site).width;
        const std::string dataset = sitePath(layer, site) + "/gram";
        hdf5::Lock lock;
        return guarded(path_, dataset, [&] { return readMatrix(*file_, dataset, d, d, at::kDouble); });
    }

    at::Tensor fisher(int layer, MatrixType type) const override {
        if (!summary_.settings.fisher) throw Error("'" + path_ + "' has no Fisher diagonals (calibrate with --fisher)");
        if (layer < 0 || layer >= summary_.layers) throw Error("'" + path_ + "' has no layer " + std::to_string(layer));
        const std::string dataset = fisherPath(layer, type);
        hdf5::Lock lock;
        return guarded(path_, dataset, [&] {
            const H5::DataSet ds = file_->openDataSet(dataset);
            const auto dims = extent(ds);
            if (dims.size() != 2) throw H5::DataSetIException("read", "is not a matrix");
            return readMatrix(*file_, dataset, std::int64_t(dims[0]), std::int64_t(dims[1]), at::kFloat);
        });
    }

private:
    std::string path_;
    std::unique_ptr<H5::H5File> file_;
    CalibrationSummary summary_;
};

}  // namespace

// --- CalibrationWriter -------------------------------------------------------------------------

struct CalibrationWriter::Impl {
    AtomicFile atomic;
    std::unique_ptr<H5::H5File> file;
    std::set<std::pair<int, Site>> sites;
    std::set<std::pair<int, MatrixType>> fishers;

    explicit Impl(const std::string& path) : atomic(path) {
        hdf5::Lock lock;
        file = guarded(atomic.target(), "cannot create the temporary file " + atomic.tempPath(),
                       [&] { return std::make_unique<H5::H5File>(atomic.tempPath(), H5F_ACC_TRUNC); });
    }
    ~Impl() {
        hdf5::Lock lock;
        file.reset();  // close before AtomicFile removes the temporary file
    }
    const std::string& path() const { return atomic.target(); }
};

CalibrationWriter::CalibrationWriter(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}

CalibrationWriter::~CalibrationWriter() = default;

void CalibrationWriter::site(const SiteStatistics& s, const at::Tensor& G) {
    if (!impl_->file) throw Error("'" + impl_->path() + "' was already committed");
    const std::string group = sitePath(s.layer, s.site);
    if (G.dim() != 2 || G.size(0) != s.width || G.size(1) != s.width)
        throw Error("'" + impl_->path() + "': the Gram of " + group + " does not match its width " +
                    std::to_string(s.width));
    const at::Tensor g = G.detach().to(at::kCPU, at::kDouble).contiguous();  // [d, d]
    hdf5::Lock lock;
    guarded(impl_->path(), group, [&] {
        ensureGroup(*impl_->file, group);
        H5::Group grp = impl_->file->openGroup(group);
        writeDataset(grp, "gram", H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, g.data_ptr<double>(),
                     {hsize_t(s.width), hsize_t(s.width)});
        if (s.eigenvalues.size() > 0) writeVector(grp, "eigenvalues", s.eigenvalues);
        writeVector(grp, "mean_abs", s.mean_abs);
        writeVector(grp, "mean_sq", s.mean_sq);
        writeVector(grp, "sum_abs", s.sum_abs);
        writeVector(grp, "sum_sq", s.sum_sq);
        writeAttr(grp, "tokens", std::int64_t(s.tokens));
        writeAttr(grp, "width", std::int64_t(s.width));
        writeAttr(grp, "trace", s.trace);
        writeAttr(grp, "fro", s.fro);
        writeAttr(grp, "max_eig", s.max_eig);
        writeAttr(grp, "mean_sq_norm", s.mean_sq_norm);
    });
    impl_->sites.insert({s.layer, s.site});
}

void CalibrationWriter::fisher(int layer, MatrixType type, const at::Tensor& F) {
    if (!impl_->file) throw Error("'" + impl_->path() + "' was already committed");
    const std::string dataset = fisherPath(layer, type);
    if (F.dim() != 2) throw Error("'" + impl_->path() + "': the Fisher diagonal " + dataset + " is not a matrix");
    const at::Tensor f = F.detach().to(at::kCPU, at::kFloat).contiguous();  // [d_out, d_in]
    hdf5::Lock lock;
    guarded(impl_->path(), dataset, [&] {
        ensureGroup(*impl_->file, layerPath(layer) + "/fisher");
        H5::Group grp = impl_->file->openGroup(layerPath(layer) + "/fisher");
        writeDataset(grp, name(type), H5::PredType::IEEE_F32LE, H5::PredType::NATIVE_FLOAT, f.data_ptr<float>(),
                     {hsize_t(f.size(0)), hsize_t(f.size(1))});
    });
    impl_->fishers.insert({layer, type});
}

void CalibrationWriter::commit(const CalibrationSummary& S) {
    if (!impl_->file) throw Error("'" + impl_->path() + "' was already committed");
    const std::string& path = impl_->path();
    for (int l = 0; l < S.layers; ++l) {
        for (Site s : kSites)
            if (!impl_->sites.count({l, s}))
                throw Error("'" + path + "': layer " + std::to_string(l) + ", site " + name(s) + " was not written");
        if (S.settings.fisher)
            for (MatrixType t : kMatrixTypes)
                if (!impl_->fishers.count({l, t}))
                    throw Error("'" + path + "': the Fisher diagonal of layer " + std::to_string(l) + ", " + name(t) +
                                " was not written");
    }
    {
        hdf5::Lock lock;
        guarded(path, "root attributes", [&] {
            H5::H5File& f = *impl_->file;
            const CalibrationSettings& s = S.settings;
            writeAttr(f, "format_version", std::int32_t(kCalibrationFormatVersion));
            writeAttr(f, "created_by", std::string("BasisLab ") + BASISLAB_VERSION);
            writeAttr(f, "model_path", S.model.path);
            writeAttr(f, "model_config_sha256", S.model.config_sha256);
            writeAttr(f, "model_weights_fingerprint", S.model.weights_fingerprint);
            writeAttr(f, "model_tensor_count", std::int64_t(S.model.tensor_count));
            writeAttr(f, "model_weight_bytes", std::int64_t(S.model.weight_bytes));
            writeAttr(f, "text_path", s.text_path);
            writeAttr(f, "text_sha256", s.text_sha256);
            writeAttr(f, "text_tokens", std::int64_t(s.text_tokens));
            writeAttr(f, "windows", std::int32_t(s.windows));
            writeAttr(f, "seq_len", std::int32_t(s.seq_len));
            writeAttr(f, "shuffle_seed", s.shuffle_seed ? std::int64_t(*s.shuffle_seed) : std::int64_t(-1));
            writeAttr(f, "device", s.device);
            writeAttr(f, "dtype", s.dtype);
            writeAttr(f, "fisher", std::int32_t(s.fisher ? 1 : 0));
            writeAttr(f, "gram_accumulation", s.gram_accumulation);
            writeAttr(f, "world_size", std::int32_t(s.world_size));
            writeAttr(f, "layers", std::int32_t(S.layers));
            writeAttr(f, "tokens", std::int64_t(S.tokens));
            writeAttr(f, "seconds", S.seconds);
            writeDataset(f, "window_indices", H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64,
                         s.window_indices.data(), {hsize_t(s.window_indices.size())});
            f.close();
        });
        impl_->file.reset();
    }
    impl_->atomic.commit();
}

// --- public functions --------------------------------------------------------------------------

void saveCalibration(const std::string& path, const Calibration& calibration, const ProgressFn& progress) {
    const CalibrationSummary& S = calibration.summary();
    const std::int64_t fishers = S.settings.fisher ? std::int64_t(S.layers) * std::int64_t(kMatrixTypes.size()) : 0;
    ProgressReporter reporter(progress, "save", std::int64_t(S.sites.size()) + fishers);
    reporter.report(0, 0, -1, S.layers, "writing " + path);
    CalibrationWriter writer(path);
    std::int64_t done = 0;
    for (const SiteStatistics& s : S.sites) {
        writer.site(s, calibration.gram(s.layer, s.site));
        reporter.report(++done, 0, s.layer, S.layers);
    }
    if (S.settings.fisher) {
        for (int l = 0; l < S.layers; ++l)
            for (MatrixType t : kMatrixTypes) {
                writer.fisher(l, t, calibration.fisher(l, t));
                reporter.report(++done, 0, l, S.layers);
            }
    }
    writer.commit(S);
}

namespace {

/// Has the summary read once by the helper process (base/isolated_read.h): a store that crashes
/// HDF5 or makes it loop becomes an Error naming the file.
void checkStore(const std::string& path) {
    runIsolated(
        path, {"store", path}, [] {}, isolatedReadLimitSeconds());
}

}  // namespace

std::shared_ptr<Calibration> openCalibration(const std::string& path, const ModelIdentity* expected) {
    checkStore(path);
    hdf5::Lock lock;
    std::unique_ptr<H5::H5File> file = openStore(path);
    CalibrationSummary summary = readSummary(*file, path);
    if (expected) checkIdentity(summary, *expected, path);
    return std::make_shared<HdfCalibration>(path, std::move(file), std::move(summary));
}

CalibrationSummary readCalibrationSummary(const std::string& path) {
    checkStore(path);
    hdf5::Lock lock;
    const std::unique_ptr<H5::H5File> file = openStore(path);
    return readSummary(*file, path);
}

}  // namespace basislab
