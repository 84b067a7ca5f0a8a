package io.dialgate.genesys;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The Genesys Cloud login service's token endpoint ({@code https://login.<domain>/oauth/token}). */
@Path("/oauth/token")
public interface GenesysLoginApi {

    /** Client-credentials grant: HTTP Basic client-id:secret, form {@code grant_type=client_credentials}. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response token(@HeaderParam("Authorization") String basic, @FormParam("grant_type") String grantType);
}
