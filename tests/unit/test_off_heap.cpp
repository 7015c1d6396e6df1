// Long-lived tensors off glibc's heap and the heap trim between steps (base/off_heap.h).
#include "api/process_memory.h"
#include "base/compute.h"
#include "base/off_heap.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cstdlib>
#include <cstring>

using namespace basislab;

namespace {

constexpr std::size_t MiB = std::size_t(1) << 20;

std::size_t heapBytes() {
    return ::mallinfo2().arena;
}

/// Whether the page at p is mapped (msync fails with ENOMEM on an unmapped range).
bool mapped(const void* p) {
    const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    void* start = reinterpret_cast<void*>(std::uintptr_t(p) & ~(page - 1));
    return ::msync(start, page, MS_ASYNC) == 0;
}

/// The heap cases measure glibc's allocator; a sanitizer replaces it.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define skipWithoutGlibcHeap() QSKIP("a sanitizer replaces glibc's malloc")
#else
#define skipWithoutGlibcHeap() (void)0
#endif

}  // namespace

class TestOffHeap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        configureThreads(1);  // the heap policy the tools run under: allocations below 1 GiB in the heap
    }

    void zerosAreZeroAndShaped() {
        const at::Tensor big = zerosOffHeap({1024, 1100}, at::kDouble);  // 8.6 MB: off the heap
        QCOMPARE(big.sizes().vec(), (std::vector<std::int64_t>{1024, 1100}));
        QCOMPARE(big.scalar_type(), at::kDouble);
        QVERIFY(big.is_contiguous());
        QCOMPARE(big.abs().max().item<double>(), 0.0);
        const at::Tensor small = zerosOffHeap({3, 5}, at::kFloat);  // below kOffHeapMinBytes
        QCOMPARE(small.abs().max().item<float>(), 0.0f);
        QCOMPARE(zerosOffHeap({0, 7}, at::kDouble).numel(), std::int64_t(0));
    }

    void copyConvertsExactly() {
        const at::Tensor w = at::randn({700, 900}).to(at::kBFloat16);  // 1.26 MB
        const at::Tensor c = copyOffHeap(w, at::kFloat);
        QCOMPARE(c.scalar_type(), at::kFloat);
        QVERIFY(at::equal(c, w.to(at::kFloat)));  // bfloat16 -> float32 is exact
        const at::Tensor t = at::randn({600, 600}).t();  // not contiguous
        QVERIFY(at::equal(copyOffHeap(t, at::kFloat), t));
    }

    void bigTensorsLeaveTheHeapAloneAndAreUnmapped() {
        skipWithoutGlibcHeap();
        const std::size_t before = heapBytes();
        const void* data = nullptr;
        {
            at::Tensor g = emptyOffHeap({2048, 2048}, at::kDouble);  // 32 MiB
            g.fill_(1.0);
            data = g.data_ptr();
            QVERIFY(mapped(data));
            QVERIFY2(heapBytes() < before + MiB, "a 32 MiB off-heap tensor grew glibc's heap");
        }
        QVERIFY2(!mapped(data), "the off-heap tensor's memory is still mapped after its last reference went");
        // For contrast, at::empty of the same size goes to the heap under configureThreads's policy.
        at::Tensor h = at::empty({2048, 2048}, at::kDouble);
        h.fill_(1.0);
        QVERIFY(heapBytes() >= before + 32 * MiB);
    }

    void trimRunsOnlyWhenTheHeapGrew() {
        skipWithoutGlibcHeap();
        (void)trimHeapIfGrown();  // sets the reference (or trims what the cases above left)
        QVERIFY(!trimHeapIfGrown());  // no growth since
        // A step that grows the heap by 256 MiB and leaves it pinned by a small live block above.
        char* big = static_cast<char*>(std::malloc(256 * MiB));
        QVERIFY(big);
        std::memset(big, 1, 256 * MiB);
        asm volatile("" : : "r"(big) : "memory");  // keep the compiler from eliding the buffer
        void* pin = std::malloc(64);
        asm volatile("" : : "r"(pin) : "memory");
        std::free(big);
        const std::size_t resident = std::size_t(api::residentSetBytes());
        QVERIFY(trimHeapIfGrown());
        const std::size_t after = std::size_t(api::residentSetBytes());
        QVERIFY2(after + 128 * MiB < resident,
                 qPrintable(QString("resident %1 MiB -> %2 MiB after the trim").arg(resident / MiB).arg(after / MiB)));
        QVERIFY(!trimHeapIfGrown());  // nothing new since the trim
        std::free(pin);
    }
};

QTEST_GUILESS_MAIN(TestOffHeap)
#include "test_off_heap.moc"
