// The torch-free plan: parsing and printing of every option, the rank formula, group layout and
// parameter bookkeeping.
#include "api/plan_grid.h"
#include "base/error.h"
#include "compress/plan.h"
#include "compress/report.h"
#include "model/model_info.h"
#include "test_helpers.h"
#include "test_paths.h"

#include <QtTest>

using namespace basislab;
using namespace basislab::test;

class TestPlan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void alphaFormsRoundTrip() {
        for (const char* text : {"none", "inv-trace", "inv-fro", "inv-max-eig", "inv-sqrt-trace", "power:0.75",
                                 "power:-1", "inv-output", "normalised", "normalised:fro", "normalised:max-eig"})
            QCOMPARE(QString::fromStdString(AlphaForm::parse(text).text()), QString(text));
        QCOMPARE(AlphaForm::parse("normalised:trace").text(), std::string("normalised"));
        QCOMPARE(AlphaForm::parse("power:2").p, 2.0);
        QVERIFY(errorOf([] { AlphaForm::parse("inv-trac"); }).contains("--alpha: unknown alpha form 'inv-trac'"));
        QVERIFY(errorOf([] { AlphaForm::parse("power:x"); }).contains("needs a finite number"));
        QVERIFY(errorOf([] { AlphaForm::parse("normalised:l2"); }).contains("unknown scale measure 'l2'"));
        // Every offered form parses, and has a label and an explanation.
        for (const AlphaFormInfo& f : alphaForms()) {
            const std::string id = f.id == "power:p" ? "power:1" : f.id;
            AlphaForm::parse(id);
            QVERIFY(!f.label.empty() && !f.explanation.empty());
        }
        QVERIFY(!sharingCaveat(MatrixType::o).empty() && !sharingCaveat(MatrixType::down).empty());
        QVERIFY(sharingCaveat(MatrixType::q).empty());
    }

    void methodsAndTypes() {
        for (Method m : kMethods) QCOMPARE(parseMethod(name(m)), std::optional<Method>(m));
        QVERIFY(!parseMethod("svdllm"));
        QCOMPARE(parseTypeList("v,q,k", "--share"),
                 (std::vector<MatrixType>{MatrixType::q, MatrixType::k, MatrixType::v}));
        QVERIFY(parseTypeList("none", "--share").empty());
        QVERIFY(errorOf([] { parseTypeList("q,qq", "--share"); }).contains("--share: unknown matrix type 'qq'"));
        QVERIFY(errorOf([] { parseTypeList("q,q", "--share"); }).contains("listed twice"));
    }

    void groupSizes() {
        CompressionPlan p;
        parseGroupSizes("4", p);
        QCOMPARE(groupSizeText(p), std::string("4"));
        parseGroupSizes("2,gate=3", p);
        QCOMPARE(p.groupSize(MatrixType::gate), 3);
        QCOMPARE(p.groupSize(MatrixType::o), 1);  // not shared
        QCOMPARE(groupSizeText(p), std::string("q=2,k=2,v=2,gate=3,up=2"));
        QVERIFY(errorOf([&] { parseGroupSizes("0", p); }).contains("positive whole number"));
        QVERIFY(errorOf([&] { parseGroupSizes("foo=2", p); }).contains("unknown matrix type 'foo'"));
        p.method = Method::svd_llm;
        QCOMPARE(p.groupSize(MatrixType::q), 1);
        QVERIFY(!p.shares(MatrixType::q));
    }

    void validation() {
        CompressionPlan p;
        p.ratio = 1.0;
        QVERIFY(errorOf([&] { p.validate(); }).contains("--ratio must be in [0, 1)"));
        p.ratio = -0.1;
        QVERIFY(errorOf([&] { p.validate(); }).contains("--ratio"));
        p.ratio = 0.4;
        p.setGroupSize(9);
        LlamaConfig c;
        c.num_hidden_layers = 5;
        QVERIFY(errorOf([&] { p.validate(&c); }).contains("--group-size 9 for q exceeds the model's 5 layers"));
        p.setGroupSize(2);
        p.validate(&c);
        QCOMPARE(QString::fromStdString(p.describe()),
                 QString("basis-sharing r=0.4 share q,k,v,gate,up n=2 alpha=none"));
    }

    void rankFormula() {
        QCOMPARE(basislab::rankFormula(4096, 4096, 1, 0.2), std::int64_t(1638));  // 4096*4096*0.8/8192 = 1638.4
        QCOMPARE(basislab::rankFormula(4096, 4096, 2, 0.2), std::int64_t(2184));  // 2184.53
        QCOMPARE(basislab::rankFormula(64, 64, 1, 0.5), std::int64_t(16));
        QCOMPARE(basislab::rankFormula(64, 64, 1, 0.6), std::int64_t(12));  // 12.8
        QCOMPARE(basislab::rankFormula(100, 100, 1, 0.2), std::int64_t(40));  // exactly 40; 1 - 0.2 is 0.7999..
        QCOMPARE(basislab::rankFormula(64, 172, 4, 0.0), std::int64_t(58));  // 44032 / 752 = 58.55
    }

    void layoutOfStories() {
        const LlamaConfig c = LlamaConfig::load(storiesModel() + "/config.json");
        CompressionPlan p;
        p.ratio = 0.2;
        p.setGroupSize(2);
        const auto groups = groupLayout(p, c);
        // 5 layers: q,k,v,gate,up in groups {0,1},{2,3},{4}; o and down per layer.
        QCOMPARE(int(groups.size()), 5 * 3 + 2 * 5);
        const auto q_last = std::find_if(groups.begin(), groups.end(),
                                         [](const GroupLayout& g) { return g.type == MatrixType::q && g.index == 2; });
        QVERIFY(q_last != groups.end());
        QCOMPARE(q_last->layers, std::vector<int>{4});
        QCOMPARE(q_last->rank, basislab::rankFormula(64, 64, 2, 0.2));  // the remainder keeps k of n = 2
        // q, k, v of the same layers are adjacent (one whitening)
        QCOMPARE(groups[0].type, MatrixType::q);
        QCOMPARE(groups[1].type, MatrixType::k);
        QCOMPARE(groups[2].type, MatrixType::v);
        // Clamping: down (172 x 64) shared with n = 4 at r = 0 has k = 102; the remainder group (layer
        // 4 alone) can hold at most min(172, 64) = 64.
        p.ratio = 0.0;
        p.shared = {MatrixType::down};
        p.setGroupSize(4);
        int checked = 0;
        for (const GroupLayout& g : groupLayout(p, c))
            if (g.type == MatrixType::down) {
                QCOMPARE(g.formula_rank, std::int64_t(102));
                QCOMPARE(g.rank, g.layers.size() == 1 ? std::int64_t(64) : std::int64_t(102));
                ++checked;
            }
        QCOMPARE(checked, 2);
    }

    void parameterBookkeeping() {
        const LlamaConfig c = LlamaConfig::load(storiesModel() + "/config.json");
        QCOMPARE(modelParameters(c), readModelInfo(storiesModel()).total_params);
        CompressionReport r;
        GroupReport g;
        g.type = MatrixType::q;
        g.layers = {0, 1};
        g.rank = 10;
        g.formula_rank = 10;
        g.dense_params = 2 * 64 * 64;
        g.stored_params = 10 * (64 + 2 * 64);
        r.groups.push_back(g);
        r.finish(c);
        QCOMPARE(r.dense_params, std::int64_t(8192));
        QCOMPARE(r.stored_params, std::int64_t(1920));
        QVERIFY(std::abs(r.achieved_ratio - (1 - 1920.0 / 8192)) < 1e-15);
        QCOMPARE(r.model_params_after, r.model_params - 8192 + 1920);
        QVERIFY(r.warnings.empty());
        r.groups[0].stored_params = 9000;
        r.finish(c);
        QVERIFY(!r.groups[0].saves_params);
        QCOMPARE(int(r.warnings.size()), 1);
        QVERIFY(r.achieved_ratio < 0);
    }

    void planGrids() {
        CompressionPlan base;  // basis-sharing, r 0.4, n 2, alpha none
        base.refit = true;
        const api::PlanGrid g = api::parsePlanGrid(" 0.2,0.4 ", "none, inv-trace,normalised", "1, 2,4", base);
        QCOMPARE(g.ratios, (std::vector<double>{0.2, 0.4}));
        QCOMPARE(g.group_sizes, (std::vector<int>{1, 2, 4}));
        QCOMPARE(int(g.alphas.size()), 3);
        const std::vector<CompressionPlan> plans = api::gridPlans(base, g);
        QCOMPARE(int(plans.size()), 2 * (1 + 2 * 3));  // n = 1 once per ratio
        QCOMPARE(plans[0].groupSize(MatrixType::q), 1);
        QCOMPARE(plans[0].alpha.text(), std::string("none"));
        QCOMPARE(plans[1].groupSize(MatrixType::q), 2);
        QCOMPARE(plans[3].alpha.text(), std::string("normalised"));
        QCOMPARE(plans[6].groupSize(MatrixType::up), 4);
        QCOMPARE(plans[7].ratio, 0.4);
        for (const CompressionPlan& p : plans) {
            QVERIFY(p.refit);  // the base plan's other settings stay
            QCOMPARE(p.groupSize(MatrixType::o), 1);  // o is not shared
        }
        // Empty fields take the base plan's value; other methods ignore alpha forms and group sizes.
        const api::PlanGrid empty = api::parsePlanGrid("", "", "", base);
        QCOMPARE(int(api::gridPlans(base, empty).size()), 1);
        CompressionPlan svd_llm = base;
        svd_llm.method = Method::svd_llm;
        QCOMPARE(int(api::gridPlans(svd_llm, g).size()), 2);
        // Errors name the field; a group larger than the model is refused with the config.
        QCOMPARE(errorOf([&] { api::parsePlanGrid("0.2, x", "", "", base); }), QString("ratios: 'x' is not a number"));
        QCOMPARE(errorOf([&] { api::parsePlanGrid("1", "", "", base); }), QString("ratios: 1 is not in [0, 1)"));
        QVERIFY(errorOf([&] {
                    api::parsePlanGrid("", "inv-trac", "", base);
                }).startsWith("alpha forms: unknown alpha form 'inv-trac'"));
        QCOMPARE(errorOf([&] { api::parsePlanGrid("", "", "2.5", base); }),
                 QString("group sizes: '2.5' is not a whole number >= 1"));
        const LlamaConfig c = LlamaConfig::load(storiesModel() + "/config.json");  // 5 layers
        QVERIFY(!errorOf([&] { api::gridPlans(base, api::parsePlanGrid("", "", "6", base), &c); }).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPlan)
#include "test_plan.moc"
