// Plots and their exports: CSV layout, figure files at the requested physical size, the
// calibration plots' numbers on a synthetic calibration summary.
#include "gui_test.h"

#include "calibration_plots.h"
#include "plot_data.h"
#include "plot_export.h"

#include <QFile>
#include <QImage>
#include <QRegularExpression>

#include <cmath>

using namespace basislab;
using namespace basislab::gui;

namespace {

PlotData twoSeries() {
    PlotData d;
    d.title = QStringLiteral("errors");
    d.x_label = QStringLiteral("Layer");
    d.y_label = QStringLiteral("error");
    PlotSeries a{QStringLiteral("calibrated"), {0, 1, 2}, {0.5, 0.25, 0.125}};
    PlotSeries b{QStringLiteral("plain, baseline"), {0, 1, 2}, {0.75, 0.5, 0.375}};
    b.dashed = true;
    d.series = {a, b};
    return d;
}

/// A calibration summary of 3 layers whose layer l has inputs of scale 10^l.
CalibrationSummary syntheticSummary() {
    CalibrationSummary s;
    s.layers = 3;
    s.tokens = 100;
    for (int l = 0; l < 3; ++l) {
        for (Site site : kSites) {
            SiteStatistics st;
            st.layer = l;
            st.site = site;
            st.tokens = 100;
            st.width = 4;
            const double c = std::pow(10.0, l);  // x scaled by c: G scales by c^2
            st.eigenvalues = Eigen::Vector4d(400, 200, 100, 100) * c * c;
            st.trace = st.eigenvalues.sum();
            st.max_eig = st.eigenvalues[0];
            st.fro = st.eigenvalues.norm();
            st.mean_sq_norm = st.trace / 100;
            st.mean_abs = Eigen::Vector4d(1, 2, 3, 4) * c;
            s.sites.push_back(st);
        }
    }
    return s;
}

}  // namespace

class TestPlots : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void csvSharesTheXColumn() {
        const QStringList lines = toCsv(twoSeries()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QStringLiteral("Layer,calibrated,\"plain, baseline\""));
        QCOMPARE(lines[1], QStringLiteral("0,0.5,0.75"));
        QCOMPARE(lines[3], QStringLiteral("2,0.125,0.375"));
    }

    void csvPairsColumnsWhenXDiffers() {
        PlotData d = twoSeries();
        d.series[1].x = {0, 1};
        d.series[1].y = {9, 8};
        const QStringList lines = toCsv(d).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines[0], QStringLiteral("calibrated x,calibrated y,\"plain, baseline x\",\"plain, baseline y\""));
        QCOMPARE(lines[1], QStringLiteral("0,0.5,0,9"));
        QCOMPARE(lines[3], QStringLiteral("2,0.125,,"));
    }

    void pngHasTheRequestedPixelSize() {
        QTemporaryDir dir;
        FigureOptions o;
        o.width = 2.0;
        o.height = 1.5;
        o.unit = FigureOptions::Unit::Inches;
        o.dpi = 150;
        const QString path = dir.filePath(QStringLiteral("f.png"));
        QCOMPARE(exportFigure(twoSeries(), o, FigureFormat::Png, path), QString());
        const QImage image(path);
        QCOMPARE(image.width(), 300);
        QCOMPARE(image.height(), 225);
        QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 150);
        // Not blank: the plot drew something dark (axes, text) on the white background.
        int dark = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) dark += qGray(image.pixel(x, y)) < 128;
        QVERIFY2(dark > 200, qPrintable(QStringLiteral("only %1 dark pixels").arg(dark)));
    }

    void pdfPageHasTheRequestedSize() {
        QTemporaryDir dir;
        FigureOptions o;  // 12 x 8 cm
        const QString path = dir.filePath(QStringLiteral("f.pdf"));
        QCOMPARE(exportFigure(twoSeries(), o, FigureFormat::Pdf, path), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pdf = f.readAll();
        QVERIFY(pdf.startsWith("%PDF"));
        const QRegularExpression box(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
        const auto m = box.match(QString::fromLatin1(pdf));
        QVERIFY2(m.hasMatch(), "no MediaBox");
        QVERIFY2(std::abs(m.captured(1).toDouble() - 12 / 2.54 * 72) < 1.5, qPrintable(m.captured(0)));
        QVERIFY2(std::abs(m.captured(2).toDouble() - 8 / 2.54 * 72) < 1.5, qPrintable(m.captured(0)));
    }

    void svgIsWrittenWithItsSize() {
        QTemporaryDir dir;
        FigureOptions o;
        o.width = 10;
        o.height = 5;
        const QString path = dir.filePath(QStringLiteral("f.svg"));
        QCOMPARE(exportFigure(twoSeries(), o, FigureFormat::Svg, path), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray svg = f.readAll();
        QVERIFY(svg.contains("<svg"));
        QVERIFY2(svg.contains("width=\"100") || svg.contains("width=\"99"), svg.left(400).constData());  // mm
        QVERIFY(svg.contains("calibrated"));
    }

    void badOptionsAreReadableErrorsAndWriteNothing() {
        QTemporaryDir dir;
        FigureOptions o;
        o.dpi = 0;
        const QString path = dir.filePath(QStringLiteral("f.png"));
        QVERIFY(exportFigure(twoSeries(), o, FigureFormat::Png, path).contains(QStringLiteral("dpi")));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!exportFigure(twoSeries(), FigureOptions{}, FigureFormat::Pdf, QStringLiteral("/nonexistent/x/f.pdf"))
                     .isEmpty());
    }

    void inputScalePlotFollowsTheMeasure() {
        const CalibrationSummary s = syntheticSummary();
        const PlotData rms = makeInputScalePlot(s, InputScaleMeasure::RmsNorm);
        QCOMPARE(rms.series.size(), 4);  // one per site
        QVERIFY(rms.log_y);
        QCOMPARE(rms.series[0].x, (QVector<double>{0, 1, 2}));
        // tr G / N = 800 c^2 / 100 -> RMS norm sqrt(8) c
        QVERIFY(std::abs(rms.series[2].y[2] - std::sqrt(8.0) * 100) < 1e-9);
        const PlotData top = makeInputScalePlot(s, InputScaleMeasure::LargestEigenvalue);
        QVERIFY(std::abs(top.series[0].y[1] - 4.0 * 100) < 1e-9);
        const PlotData abs = makeInputScalePlot(s, InputScaleMeasure::MeanAbs);
        QVERIFY(std::abs(abs.series[0].y[1] - 25.0) < 1e-12);
    }

    void spectrumPlotNormalisesToTheTrace() {
        const CalibrationSummary s = syntheticSummary();
        const PlotData normalised = makeSpectrumPlot(s, Site::mlp_in, {0, 2}, true);
        QCOMPARE(normalised.series.size(), 2);
        double sum = 0;
        for (double v : normalised.series[1].y) sum += v;
        QVERIFY(std::abs(sum - 1.0) < 1e-12);
        QCOMPARE(normalised.series[0].y, normalised.series[1].y);  // shares do not see the scale
        const PlotData raw = makeSpectrumPlot(s, Site::mlp_in, {2}, false);
        QVERIFY(std::abs(raw.series[0].y[0] - 400.0 * 1e4 / 100) < 1e-6);
        QCOMPARE(raw.series[0].x.first(), 1.0);
        QVERIFY(makeSpectrumPlot(s, Site::o_in, {7}, true).isEmpty());  // out-of-range layer ignored
    }
};

BASISLAB_GUI_TEST_MAIN(TestPlots)
#include "test_plots.moc"
