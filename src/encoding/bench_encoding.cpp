// Cost of writing a response body: a krav list shaped like aapnekrav (n claims, each with an
// instalment and a placed payment) through the JSON and the XML writer, into a reused buffer
// as the server does.
#include <benchmark/benchmark.h>

#include <string>

#include "encoding/view_writer.hpp"

namespace {

using namespace skd::encoding;

void skriv_krav(ViewWriter& w, int n) {
    w.begin_root("aapneKrav", "urn:no:skatteetaten:innkreving:kravogbetalinger:v1");
    w.begin_array("krav", "krav");
    for (int i = 0; i < n; ++i) {
        w.begin_item();
        w.string("kravidentifikator", "KRAV-2025-" + std::to_string(100000 + i));
        w.string("kravtype", "ARBEIDSGIVERAVGIFT");
        w.string("kravbeskrivelse", "Arbeidsgiveravgift <termin> & tillegg");
        w.begin_object("kravperiode");
        w.string("fraOgMed", "2025-01-01");
        w.string("tilOgMed", "2025-02-28");
        w.end_object();
        w.begin_array("kravforfall", "kravforfall");
        w.begin_item();
        w.string("forfallsdato", "2025-03-15");
        w.number("opprinneligBeloep", "125000.0");
        w.number("gjenstaaendeBeloep", "25000.5");
        w.number("stipulerteRenter", "312.75");
        w.begin_array("plassertInnbetaling", "plassertInnbetaling");
        w.begin_item();
        w.string("innbetalingsidentifikator", "INN-" + std::to_string(i));
        w.number("beloep", "100000.0");
        w.string("innbetalingsdato", "2025-03-10");
        w.boolean("motregnet", false);
        w.end_item();
        w.end_array();
        w.end_item();
        w.end_array();
        w.integer("antallKravforfall", 1);
        w.end_item();
    }
    w.end_array();
    w.end_root();
}

template <class Writer>
void BM_KravListe(benchmark::State& state) {
    std::string out;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        out.clear();
        Writer w(out);
        skriv_krav(w, static_cast<int>(state.range(0)));
        benchmark::DoNotOptimize(out.data());
        bytes += static_cast<std::int64_t>(out.size());
    }
    state.SetBytesProcessed(bytes);
}
BENCHMARK_TEMPLATE(BM_KravListe, JsonWriter)->Arg(1)->Arg(50)->Arg(2500);
BENCHMARK_TEMPLATE(BM_KravListe, XmlWriter)->Arg(1)->Arg(50)->Arg(2500);

void BM_JsonStringEscape(benchmark::State& state) {
    const std::string s = "Skatteetaten \"innkreving\" – æøå\n\ttabulert <tekst> med 64 tegn...";
    std::string out;
    for (auto _ : state) {
        out.clear();
        append_json_string(out, s);
        benchmark::DoNotOptimize(out.data());
    }
}
BENCHMARK(BM_JsonStringEscape);

}  // namespace

BENCHMARK_MAIN();
