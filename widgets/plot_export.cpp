#include "plot_export.h"

#include "plot_render.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTemporaryFile>
#include "qcustomplot_include.h"

#include <cmath>

namespace basislab::gui {
namespace {

constexpr double kPointsPerInch = 72.0;
constexpr double kCentimetresPerInch = 2.54;

struct PlotExport {
    Q_DECLARE_TR_FUNCTIONS(PlotExport)
};

/// QCustomPlot and QSvgGenerator write to a path; write to a temporary file beside the target
/// and rename it, so a failed export never leaves a broken figure behind.
QString writeAtomically(const QString& path, const std::function<bool(const QString&)>& write) {
    const QFileInfo target(path);
    QTemporaryFile temp(
        target.absoluteDir().filePath(QStringLiteral(".%1.XXXXXX.%2").arg(target.completeBaseName(), target.suffix())));
    if (!temp.open()) return PlotExport::tr("Cannot write to the folder of %1: %2").arg(path, temp.errorString());
    temp.close();
    if (!write(temp.fileName()) || QFileInfo(temp.fileName()).size() == 0)
        return PlotExport::tr("Cannot write the figure %1").arg(path);
    // A temporary file is private (0600); a figure is an ordinary file.
    QFile::setPermissions(temp.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                               QFileDevice::ReadOther);
    QFile::remove(path);
    if (!QFile::rename(temp.fileName(), path)) return PlotExport::tr("Cannot replace %1").arg(path);
    temp.setAutoRemove(false);
    return {};
}

bool writeSvg(QCustomPlot& plot, const QString& file, int width, int height, const QString& title) {
    QSvgGenerator svg;
    svg.setFileName(file);
    svg.setSize(QSize(width, height));
    svg.setViewBox(QRect(0, 0, width, height));
    svg.setResolution(int(kPointsPerInch));
    svg.setTitle(title);
    svg.setDescription(QStringLiteral("BasisLab"));
    QCPPainter painter;
    if (!painter.begin(&svg)) return false;
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    painter.setMode(QCPPainter::pmNonCosmetic);
    plot.toPainter(&painter, width, height);
    return painter.end();
}

}  // namespace

double FigureOptions::widthPoints() const {
    return kPointsPerInch * (unit == Unit::Inches ? width : width / kCentimetresPerInch);
}

double FigureOptions::heightPoints() const {
    return kPointsPerInch * (unit == Unit::Inches ? height : height / kCentimetresPerInch);
}

QString suffix(FigureFormat format) {
    switch (format) {
        case FigureFormat::Svg: return QStringLiteral("svg");
        case FigureFormat::Png: return QStringLiteral("png");
        case FigureFormat::Pdf: break;
    }
    return QStringLiteral("pdf");
}

bool formatFromPath(const QString& path, FigureFormat* format) {
    const QString s = QFileInfo(path).suffix().toLower();
    for (FigureFormat f : {FigureFormat::Pdf, FigureFormat::Svg, FigureFormat::Png})
        if (s == suffix(f)) return *format = f, true;
    return false;
}

QString exportFigure(const PlotData& data, const FigureOptions& options, FigureFormat format, const QString& path) {
    if (options.width <= 0 || options.height <= 0) return PlotExport::tr("The figure size must be positive.");
    if (options.dpi < 10 || options.dpi > 2400)
        return PlotExport::tr("The resolution must be between 10 and 2400 dpi.");
    if (options.font_pt < 4 || options.font_pt > 72)
        return PlotExport::tr("The font size must be between 4 and 72 pt.");
    // One logical unit is one point in every format: fonts and pens are given in points.
    const int width = int(std::lround(options.widthPoints()));
    const int height = int(std::lround(options.heightPoints()));
    QCustomPlot plot;
    plot.resize(width, height);
    PlotStyle style;
    style.publication = options.publication;
    style.font_units = options.font_pt;
    style.line_width = options.publication ? 1.0 : 1.5;
    renderPlot(plot, data, style);
    return writeAtomically(path, [&](const QString& file) {
        switch (format) {
            case FigureFormat::Pdf:
                return plot.savePdf(file, width, height, QCP::epNoCosmetic, QStringLiteral("BasisLab"), data.title);
            case FigureFormat::Svg: return writeSvg(plot, file, width, height, data.title);
            case FigureFormat::Png:
                return plot.savePng(file, width, height, options.dpi / kPointsPerInch, -1, options.dpi);
        }
        return false;
    });
}

QString writeTextFile(const QString& path, const QString& text) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return PlotExport::tr("Cannot write %1: %2").arg(path, file.errorString());
    file.write(text.toUtf8());
    if (!file.commit()) return PlotExport::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

}  // namespace basislab::gui
