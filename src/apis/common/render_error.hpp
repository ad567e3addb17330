// Renders an ApiError in the owning API's format: {kode, melding, korrelasjonsid} as JSON,
// <feil xmlns="urn:no:skatteetaten:datasamarbeid:feil:v1"> as XML, or an RFC 7807 problem
// detail with kontrollutslag for utleggsbegjæring.
#pragma once

#include <string>
#include <string_view>

#include "apis/common/api_error.hpp"
#include "apis/common/codes.hpp"
#include "encoding/view_writer.hpp"
#include "http/message.hpp"

namespace skd::apis {

void render_error(const ApiError& e, ErrorStyle style, encoding::Format f,
                  std::string_view korrelasjonsid, std::string_view instance, http::Response& out);

}  // namespace skd::apis
