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

QString full(double v) {
    return std::isfinite(v) ? QString::number(v, 'g', 17) : QString();
}

const ZeroShotTaskResult* taskOf(const api::RunRecord& run, const QString& task) {
    for (const ZeroShotTaskResult& t : run.zeroshot)
        if (QString::fromStdString(t.task) == task) return &t;
    return nullptr;
}

}  // namespace

RunsTableModel::RunsTableModel(WorkbenchDocument* document, QObject* parent)
    : QAbstractTableModel(parent), document_(document) {
    connect(document_, &WorkbenchDocument::runsChanged, this, &RunsTableModel::reload);
    reload();  // the zero-shot columns of runs already there
}

void RunsTableModel::reload() {
    beginResetModel();
    if (reference_ >= document_->runs().size()) reference_ = -1;
    tasks_.clear();
    for (const api::RunRecord& run : document_->runs())
        for (const ZeroShotTaskResult& t : run.zeroshot)
            if (!tasks_.contains(QString::fromStdString(t.task))) tasks_ << QString::fromStdString(t.task);
    endResetModel();
}

double RunsTableModel::zeroShotValue(const api::RunRecord& run, int column) const {
    const int i = column - Count;
    if (i < 0 || i > tasks_.size()) return NAN;
    if (i == tasks_.size()) return run.zeroshot.empty() ? NAN : meanAccuracy(run.zeroshot);
    const ZeroShotTaskResult* t = taskOf(run, tasks_[i]);
    return t ? t->acc : NAN;
}

QVariant RunsTableModel::zeroShotDisplay(const api::RunRecord& run, int column) const {
    const double v = zeroShotValue(run, column);
    return std::isfinite(v) ? QLocale().toString(100.0 * v, 'f', 1) : QStringLiteral("—");
}

QString RunsTableModel::zeroShotTip(const api::RunRecord& run, int column) const {
    const int i = column - Count;
    if (i == tasks_.size())
        return tr("Mean zero-shot accuracy over the %n task(s) this run scored", nullptr, int(run.zeroshot.size()));
    const ZeroShotTaskResult* t = taskOf(run, tasks_[i]);
    if (!t) return tr("This run did not score %1").arg(tasks_[i]);
    QString tip = tr("%1: acc %2 ± %3 on %4 documents")
                      .arg(tasks_[i], fixed(t->acc, 4), fixed(t->acc_stderr, 4))
                      .arg(t->documents);
    if (std::isfinite(t->acc_norm))
        tip += tr(", acc_norm %1 ± %2").arg(fixed(t->acc_norm, 4), fixed(t->acc_norm_stderr, 4));
    return tip;
}

bool RunsTableModel::hasDelta(const api::RunRecord& run) const {
    if (reference_ < 0) return false;
    const api::RunRecord& ref = document_->runs()[reference_];
    return ref.protocol == run.protocol && std::isfinite(ref.ppl) && std::isfinite(run.ppl);
}

int RunsTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(document_->runs().size());
}

int RunsTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : Count + int(tasks_.size()) + (tasks_.isEmpty() ? 0 : 1);
}

void RunsTableModel::retranslate() {
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void RunsTableModel::setReference(int row) {
    reference_ = row >= 0 && row < rowCount() ? row : -1;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const api::RunRecord& run = document_->runs()[index.row()];
    switch (role) {
        case Qt::DisplayRole: return display(run, index.row(), index.column());
        case SortRole: return sortValue(run, index.row(), index.column());
        case Qt::TextAlignmentRole:
            return index.column() == Method || index.column() == Groups || index.column() == Alpha ||
                           index.column() == Text || index.column() == Protocol
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
            if (index.column() >= Count) return zeroShotTip(run, index.column());
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
        case Refit: return run.compressed ? updateLabel(run.plan.updateKind()) : none;
        case Ppl: return std::isfinite(run.ppl) ? locale.toString(run.ppl, 'f', 3) : none;
        case DeltaPpl: {
            if (!hasDelta(run)) return none;  // no reference, another protocol, or no perplexity
            const double ref = document_->runs()[reference_].ppl;
            return QStringLiteral("%1 (%2)").arg(locale.toString(run.ppl - ref, 'f', 3),
                                                 formatPercent((run.ppl - ref) / ref));
        }
        case Error: return std::isfinite(run.error) ? locale.toString(run.error, 'f', 4) : none;
        case Seconds: return formatDuration(run.seconds);
        case Text: return QFileInfo(QString::fromStdString(run.text_path)).fileName();
        case Protocol: return std::isfinite(run.ppl) ? QString::fromLatin1(name(run.protocol)) : none;
        default: return column > Protocol ? zeroShotDisplay(run, column) : QVariant();
    }
}

QVariant RunsTableModel::sortValue(const api::RunRecord& run, int row, int column) const {
    switch (column) {
        case Index: return row;
        case Ratio: return run.plan.ratio;
        case Achieved: return run.achieved_ratio;
        case Ppl: return std::isfinite(run.ppl) ? run.ppl : -1.0;
        case DeltaPpl: return hasDelta(run) ? run.ppl - document_->runs()[reference_].ppl : 0.0;
        case Error: return std::isfinite(run.error) ? run.error : -1.0;
        case Seconds: return run.seconds;
        default:
            if (column >= Count) {
                const double v = zeroShotValue(run, column);
                return std::isfinite(v) ? v : -1.0;
            }
            return display(run, row, column);
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
            case Refit: return tr("Update");
            case Ppl: return tr("PPL");
            case DeltaPpl: return tr("Δ PPL");
            case Error: return tr("Error");
            case Seconds: return tr("Time");
            case Text: return tr("Text");
            case Protocol: return tr("Protocol");
        }
        if (section >= Count && section - Count < tasks_.size()) return tr("%1 acc").arg(tasks_[section - Count]);
        if (section >= Count) return tr("Mean acc");
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
            case Ratio: return tr("Target compression ratio: the fraction of projection parameters removed");
            case Achieved: return tr("Compression ratio the plan actually reached");
            case Groups: return tr("Matrix types that share one basis, and how many layers share it");
            case DeltaPpl:
                return tr(
                    "Perplexity difference to the reference run (right-click a run to make it the reference); "
                    "only between runs of the same protocol");
            case Protocol: return tr("The perplexity protocol: basislab, basis-sharing or svd-llm (see the README)");
            case Error: return tr("Mean relative reconstruction error over layers and matrix types");
            case Seconds: return tr("Wall time of the evaluation");
            default:
                if (section >= Count && section - Count < tasks_.size())
                    return tr("Zero-shot accuracy (%) on %1, scored as lm-evaluation-harness 0.4.3")
                        .arg(tasks_[section - Count]);
                if (section >= Count) return tr("Mean zero-shot accuracy (%) over the tasks a run scored");
                return {};
        }
    }
    return {};
}

QString RunsTableModel::toCsv() const {
    QString out;
    QTextStream csv(&out);
    csv << "run,method,ratio,achieved_ratio,groups,alpha,refit,ppl,error,params,seconds,text,window,windows,device,"
           "dtype,finished_at,protocol";
    for (QString task : tasks_) {
        task = task.replace(QLatin1Char(','), QLatin1Char('_'));
        csv << ",zeroshot_" << task << "_acc,zeroshot_" << task << "_acc_stderr,zeroshot_" << task
            << "_acc_norm,zeroshot_" << task << "_acc_norm_stderr";
    }
    if (!tasks_.isEmpty()) csv << ",zeroshot_mean_acc";
    csv << ",update\n";  // later additions at the end of the row
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
                      full(r.ppl),
                      std::isfinite(r.error) ? QString::number(r.error, 'g', 17) : QString(),
                      QString::number(r.params),
                      QString::number(r.seconds, 'g', 6),
                      csvField(QString::fromStdString(r.text_path)),
                      QString::number(r.window),
                      QString::number(r.windows),
                      csvField(QString::fromStdString(r.device)),
                      csvField(QString::fromStdString(r.dtype)),
                      csvField(QString::fromStdString(r.finished_at)),
                      QString::fromLatin1(name(r.protocol))};
        for (const QString& task : tasks_) {
            const ZeroShotTaskResult* t = taskOf(r, task);
            f << (t ? full(t->acc) : QString()) << (t ? full(t->acc_stderr) : QString())
              << (t ? full(t->acc_norm) : QString()) << (t ? full(t->acc_norm_stderr) : QString());
        }
        if (!tasks_.isEmpty()) f << (r.zeroshot.empty() ? QString() : full(meanAccuracy(r.zeroshot)));
        f << (r.compressed ? QString::fromLatin1(name(r.plan.updateKind())) : QString());
        csv << f.join(QLatin1Char(',')) << '\n';
    }
    return out;
}

QString RunsTableModel::toLatex() const {
    QString out;
    QTextStream tex(&out);
    tex << "% Generated by BasisLab; needs \\usepackage{booktabs}\n"
        << "\\begin{table}[t]\n\\centering\n\\begin{tabular}{lrlllrr"
        << QString(tasks_.isEmpty() ? 0 : tasks_.size() + 1, QLatin1Char('r')) << "}\n\\toprule\n"
        << latexEscape(tr("Method")) << " & " << latexEscape(tr("Ratio")) << " & " << latexEscape(tr("Groups")) << " & "
        << latexEscape(tr("α form")) << " & " << latexEscape(tr("Update")) << " & " << latexEscape(tr("PPL")) << " & "
        << latexEscape(tr("Error"));
    for (int c = Count; c < columnCount(); ++c)
        tex << " & " << latexEscape(headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
    tex << " \\\\\n\\midrule\n";
    for (const api::RunRecord& r : document_->runs()) {
        const int row = 0;  // only the index column depends on it
        tex << latexEscape(runMethodLabel(r)) << " & " << fixed(100.0 * r.achieved_ratio, 1) << "\\% & "
            << latexEscape(display(r, row, Groups).toString()) << " & "
            << latexEscape(display(r, row, Alpha).toString()) << " & " << latexEscape(display(r, row, Refit).toString())
            << " & " << (std::isfinite(r.ppl) ? fixed(r.ppl, 2) : QStringLiteral("--")) << " & "
            << (std::isfinite(r.error) ? fixed(r.error, 4) : QStringLiteral("--"));
        for (int c = Count; c < columnCount(); ++c) {
            const double v = zeroShotValue(r, c);
            tex << " & " << (std::isfinite(v) ? fixed(100.0 * v, 1) : QStringLiteral("--"));
        }
        tex << " \\\\\n";
    }
    tex << "\\bottomrule\n\\end{tabular}\n\\caption{" << latexEscape(tr("Perplexity of compressed models."))
        << "}\n\\end{table}\n";
    return out;
}

}  // namespace basislab::gui
