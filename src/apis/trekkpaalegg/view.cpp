#include "apis/trekkpaalegg/view.hpp"

namespace skd::apis::trekkpaalegg {

namespace {
// About 440 bytes a version with one period (the generator's and the examples' usual shape).
constexpr std::size_t kBytesPerVersjon = 448;
}  // namespace

TrekkpaaleggListe::TrekkpaaleggListe(std::string& body, std::size_t forventet) : ut_(body) {
    ut_.reserve(ut_.size() + 2 + forventet * kBytesPerVersjon);
    ut_ += '[';
}

void TrekkpaaleggListe::legg_til(std::string_view visning) {
    if (!foerste_) ut_ += ',';
    foerste_ = false;
    ut_ += visning;
}

void TrekkpaaleggListe::avslutt() {
    ut_ += ']';
}

}  // namespace skd::apis::trekkpaalegg
