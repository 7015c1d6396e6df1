#include "runs_table_model.h"

#include "plan_text.h"
#include "plot_data.h"
#include "text_format.h"
#include "workbench_document.h"

#include <QFileInfo>
#include <QFont>
#include <QLocale>
#include <QTextStream>

#include <cmath>

namespace basislab::gui {
namespace {

/// Escapes LaTeX's special characters; ×, ·, — and α become math or dashes.
QString latexEscape(const QString& text) {
    QString out;
    for (const QChar c : text) {
        switch (c.unicode()) {
            case '\\': out += QStringLiteral("\\textbackslash{}"); break;
            case '&':
            case '%':
            case '$':
            case '#':
            case '_':
            case '{':
            case '}': out += QLatin1Char('\\') + c; break;
            case '~': out += QStringLiteral("\\textasciitilde{}"); break;
            case '^': out += QStringLiteral("\\textasciicircum{}"); break;
            case 0x00D7: out += QStringLiteral("$\\times$"); break;
            case 0x00B7: out += QStringLiteral("$\\cdot$"); break;
            case 0x2014: out += QStringLiteral("--"); break;
            case 0x03B1: out += QStringLiteral("$\\alpha$"); break;
            default: out += c;
        }
    }
    return out;
}

QString fixed(double v, int decimals) {
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QString();
}

}  // namespace

RunsTableModel::RunsTableModel(WorkbenchDocument* document, QObject* parent)
    : QAbstractTableModel(parent), document_(document) {
    connect(document_, &WorkbenchDocument::runsChanged, this, &RunsTableModel::reload);
}

void RunsTableModel::reload() {
    beginResetModel();
    if (reference_ >= document_->runs().size()) reference_ = -1;
    endResetModel();
}

int RunsTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(document_->runs().size());
}

int RunsTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : Count;
}

void RunsTableModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, Count - 1);
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
}

void RunsTableModel::setReference(int row) {
    reference_ = row >= 0 && row < rowCount() ? row : -1;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const api::RunRecord& run = document_->runs()[index.row()];
    switch (role) {
        case Qt::DisplayRole: return display(run, index.row(), index.column());
        case SortRole: return sortValue(run, index.row(), index.column());
        case Qt::TextAlignmentRole:
            return index.column() == Method || index.column() == Groups || index.column() == Alpha ||
                           index.column() == Text
                       ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                       : QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::FontRole:
            if (index.row() == reference_) {
                QFont f;
                f.setBold(true);
                return f;
            }
            return {};
        case Qt::ToolTipRole:
            return tr("%1, window %2 × %3 windows, %4 (%5), finished %6")
                .arg(QString::fromStdString(run.text_path))
                .arg(run.window)
                .arg(run.windows)
                .arg(QString::fromStdString(run.device), QString::fromStdString(run.dtype),
                     QString::fromStdString(run.finished_at));
        default: return {};
    }
}

QVariant RunsTableModel::display(const api::RunRecord& run, int row, int column) const {
    const QLocale locale;
    const QString none = QStringLiteral("—");
    switch (column) {
        case Index: return row + 1;
        case Method: return runMethodLabel(run);
        case Ratio: return run.compressed ? formatPercent(run.plan.ratio) : none;
        case Achieved: return formatPercent(run.achieved_ratio);
        case Groups: return run.compressed ? groupsText(run.plan) : none;
        case Alpha:
            return run.compressed && run.plan.method == basislab::Method::basis_sharing ? alphaLabel(run.plan.alpha)
                                                                                        : none;
        case Refit: return run.compressed ? (run.plan.refit ? tr("yes") : tr("no")) : none;
        case Ppl: return locale.toString(run.ppl, 'f', 3);
        case DeltaPpl: {
            if (reference_ < 0) return none;
            const double ref = document_->runs()[reference_].ppl;
            return QStringLiteral("%1 (%2)").arg(locale.toString(run.ppl - ref, 'f', 3),
                                                 formatPercent((run.ppl - ref) / ref));
        }
        case Error: return std::isfinite(run.error) ? locale.toString(run.error, 'f', 4) : none;
        case Seconds: return formatDuration(run.seconds);
        case Text: return QFileInfo(QString::fromStdString(run.text_path)).fileName();
        default: return {};
    }
}

QVariant RunsTableModel::sortValue(const api::RunRecord& run, int row, int column) const {
    switch (column) {
        case Index: return row;
        case Ratio: return run.plan.ratio;
        case Achieved: return run.achieved_ratio;
        case Ppl: return run.ppl;
        case DeltaPpl: return reference_ < 0 ? 0.0 : run.ppl - document_->runs()[reference_].ppl;
        case Error: return std::isfinite(run.error) ? run.error : -1.0;
        case Seconds: return run.seconds;
        default: return display(run, row, column);
    }
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
            case Index: return QStringLiteral("#");
            case Method: return tr("Method");
            case Ratio: return tr("Ratio");
            case Achieved: return tr("Achieved");
            case Groups: return tr("Groups");
            case Alpha: return tr("α form");
            case Refit: return tr("Refit");
            case Ppl: return tr("PPL");
            case DeltaPpl: return tr("Δ PPL");
            case Error: return tr("Error");
            case Seconds: return tr("Time");
            case Text: return tr("Text");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case Ratio: return tr("Target compression ratio: the fraction of projection parameters removed");
            case Achieved: return tr("Compression ratio the plan actually reached");
            case Groups: return tr("Matrix types that share one basis, and how many layers share it");
            case DeltaPpl:
                return tr("Perplexity difference to the reference run (right-click a run to make it the reference)");
            case Error: return tr("Mean relative reconstruction error over layers and matrix types");
            case Seconds: return tr("Wall time of the evaluation");
            default: return {};
        }
    }
    return {};
}

QString RunsTableModel::toCsv() const {
    QString out;
    QTextStream csv(&out);
    csv << "run,method,ratio,achieved_ratio,groups,alpha,refit,ppl,error,params,seconds,text,window,windows,device,"
           "dtype,finished_at\n";
    const auto& runs = document_->runs();
    for (int i = 0; i < runs.size(); ++i) {
        const api::RunRecord& r = runs[i];
        QStringList f{QString::number(i + 1),
                      r.compressed ? QString::fromLatin1(name(r.plan.method)) : QStringLiteral("original"),
                      r.compressed ? QString::number(r.plan.ratio, 'g', 17) : QString(),
                      QString::number(r.achieved_ratio, 'g', 17),
                      r.compressed ? csvField(groupsText(r.plan)) : QString(),
                      r.compressed ? csvField(QString::fromStdString(r.plan.alpha.text())) : QString(),
                      r.compressed ? QString::number(int(r.plan.refit)) : QString(),
                      QString::number(r.ppl, 'g', 17),
                      std::isfinite(r.error) ? QString::number(r.error, 'g', 17) : QString(),
                      QString::number(r.params),
                      QString::number(r.seconds, 'g', 6),
                      csvField(QString::fromStdString(r.text_path)),
                      QString::number(r.window),
                      QString::number(r.windows),
                      csvField(QString::fromStdString(r.device)),
                      csvField(QString::fromStdString(r.dtype)),
                      csvField(QString::fromStdString(r.finished_at))};
        csv << f.join(QLatin1Char(',')) << '\n';
    }
    return out;
}

QString RunsTableModel::toLatex() const {
    QString out;
    QTextStream tex(&out);
    tex << "% Generated by BasisLab; needs \\usepackage{booktabs}\n"
        << "\\begin{table}[t]\n\\centering\n\\begin{tabular}{lrlllrr}\n\\toprule\n"
        << latexEscape(tr("Method")) << " & " << latexEscape(tr("Ratio")) << " & " << latexEscape(tr("Groups")) << " & "
        << latexEscape(tr("α form")) << " & " << latexEscape(tr("Refit")) << " & " << latexEscape(tr("PPL")) << " & "
        << latexEscape(tr("Error")) << " \\\\\n\\midrule\n";
    for (const api::RunRecord& r : document_->runs()) {
        const int row = 0;  // only the index column depends on it
        tex << latexEscape(runMethodLabel(r)) << " & " << fixed(100.0 * r.achieved_ratio, 1) << "\\% & "
            << latexEscape(display(r, row, Groups).toString()) << " & "
            << latexEscape(display(r, row, Alpha).toString()) << " & " << latexEscape(display(r, row, Refit).toString())
            << " & " << fixed(r.ppl, 2) << " & " << (std::isfinite(r.error) ? fixed(r.error, 4) : QStringLiteral("--"))
            << " \\\\\n";
    }
    tex << "\\bottomrule\n\\end{tabular}\n\\caption{" << latexEscape(tr("Perplexity of compressed models."))
        << "}\n\\end{table}\n";
    return out;
}

}  // namespace basislab::gui
