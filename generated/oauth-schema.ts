// Generated from openapi/oauth.yaml by scripts/generate.ts. Do not edit by hand:
// change the spec and run `npm run generate`.

export interface paths {
  "/oauth/token": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Get an access token
     * @description Exchanges an authorization code (`grant_type=authorization_code`) or the latest refresh
     *     token (`grant_type=refresh_token`) for an access token and a new refresh token. The app
     *     authenticates with its client ID and secret in the form body; no `Authorization` header
     *     is sent. `user_type` chooses a Location or a Company token.
     */
    post: operations["getAccessToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/oauth/locationToken": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Get a Location token from an agency token
     * @description Mints an access token for one Location of an agency, authenticated with that agency's
     *     Company access token (scope `oauth.write`). The v2 reference lists no refresh token in
     *     the answer; when one is present it renews the Location token, otherwise a new one is
     *     minted the same way.
     */
    post: operations["getLocationAccessToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/oauth/installedLocations": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the Locations of an agency and the app's install state
     * @description Returns one page of the Locations of an agency with the app's install state on each,
     *     authenticated with the agency's Company access token (scope `oauth.readonly`). Paging
     *     is by offset: `skip` and `limit`, both sent as strings.
     */
    get: operations["getInstalledLocations"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /**
     * @description Whether a token acts for one Location (sub-account) or for an agency.
     * @enum {string}
     */
    UserType: "Company" | "Location";
    /**
     * @description The form body of `POST /oauth/token`. `code` goes with `authorization_code`,
     *     `refresh_token` with `refresh_token`.
     */
    AccessTokenRequest: {
      /** @description The app's client ID. */
      client_id: string;
      /** @description The app's client secret. Keep it on the server. */
      client_secret: string;
      /**
       * @description `authorization_code` for the first exchange, `refresh_token` to renew.
       *     `client_credentials` is listed by the reference without any description.
       * @enum {string}
       */
      grant_type: "authorization_code" | "refresh_token" | "client_credentials";
      /** @description The `code` query parameter brought back to the redirect URI. */
      code?: string;
      /** @description The latest refresh token of this Location or Company. */
      refresh_token?: string;
      user_type?: components["schemas"]["UserType"];
      /** @description The redirect URI registered for the app. */
      redirect_uri?: string;
    };
    /** @description An access token, the next refresh token, and what the install covers. */
    AccessTokenResponse: {
      /** @description The bearer token for API calls. */
      access_token?: string;
      /** @description The token scheme, `Bearer`. */
      token_type?: string;
      /** @description Seconds until the access token expires. */
      expires_in?: number;
      /** @description The refresh token to send next time, in place of the one just used. */
      refresh_token?: string;
      /** @description The granted scopes, separated by spaces. */
      scope?: string;
      userType?: components["schemas"]["UserType"];
      /** @description The Location the token acts for (Location tokens). */
      locationId?: string;
      /** @description The agency. */
      companyId?: string;
      /** @description Locations approved during the install; Location tokens can be minted for them. */
      approvedLocations?: string[];
      /** @description The user who installed the app. */
      userId: string;
      /** @description The plan subscribed to, for paid apps. */
      planId?: string;
      /** @description The install covered several Locations at once. */
      isBulkInstallation?: boolean;
      /** @description Company tokens only; Locations created later get the app too. */
      installToFutureLocations?: boolean;
      /** @description Company tokens only; the installer chose every Location. */
      approveAllLocations?: boolean;
    };
    /** @description The form body of `POST /oauth/locationToken`. */
    LocationTokenRequest: {
      /** @description The agency that owns the Location. */
      companyId: string;
      /** @description The Location to mint a token for. */
      locationId: string;
    };
    /** @description A Location access token minted from an agency token. */
    LocationTokenResponse: {
      /** @description The Location access token. */
      access_token?: string;
      /** @description The token scheme, `Bearer`. */
      token_type?: string;
      /** @description Seconds until the token expires. */
      expires_in?: number;
      /**
       * @description A refresh token for this Location. Absent from the v2 reference; present in the v3
       *     reference's copy of this schema.
       */
      refresh_token?: string;
      /** @description The token's scopes, separated by spaces. */
      scope?: string;
      /** @description The Location the token acts for. */
      locationId?: string;
      /** @description The plan subscribed to, for paid apps. */
      planId?: string;
      /** @description The user who installed the app. */
      userId: string;
      /** @description The installed app. */
      appId?: string;
      /** @description The installed version of the app. */
      versionId?: string;
    };
    /** @description A Location of the agency and the app's install state on it. */
    InstalledLocation: {
      /** @description The Location ID. */
      _id: string;
      /** @description The Location's name. */
      name: string;
      /** @description The Location's address. */
      address: string;
      /** @description Whether the app is installed on this Location. */
      isInstalled?: boolean;
      /** @description The version of the app installed here. */
      versionId?: string;
      /**
       * Format: date-time
       * @description When the app was installed here.
       */
      installedAt?: string;
    };
    /** @description One page of Locations. */
    InstalledLocationsPage: {
      /** @description The Locations of this page. */
      locations?: components["schemas"]["InstalledLocation"][];
      /** @description The number of Locations under the agency. */
      count?: number;
      /** @description Whether Locations created later get the app. */
      installToFutureLocations?: boolean;
    };
    /** @description A refused request. */
    BadRequestError: {
      /** @description The HTTP status. */
      statusCode?: number;
      /** @description Why it was refused. */
      message?: string;
    };
    /** @description A missing, invalid or expired token. */
    UnauthorizedError: {
      /** @description The HTTP status. */
      statusCode?: number;
      /** @description Why the token was refused. */
      message?: string;
      /** @description The status text. */
      error?: string;
    };
    /** @description Rejected values. */
    UnprocessableError: {
      /** @description The HTTP status. */
      statusCode?: number;
      /** @description One message per rejected value. */
      message?: string[];
      /** @description The status text. */
      error?: string;
    };
  };
  responses: {
    /** @description The request was malformed. */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 400,
         *       "message": "Bad Request"
         *     }
         */
        "application/json": components["schemas"]["BadRequestError"];
      };
    };
    /** @description The token is missing, invalid or expired. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 401,
         *       "message": "Invalid token: access token is invalid",
         *       "error": "Unauthorized"
         *     }
         */
        "application/json": components["schemas"]["UnauthorizedError"];
      };
    };
    /** @description A value was rejected; `message` lists why. */
    UnprocessableEntity: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 422,
         *       "message": [
         *         "Unprocessable Entity"
         *       ],
         *       "error": "Unprocessable Entity"
         *     }
         */
        "application/json": components["schemas"]["UnprocessableError"];
      };
    };
  };
  parameters: {
    /**
     * @description API version of the agency-token operations.
     * @example 2021-07-28
     */
    Version: "2021-07-28";
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getAccessToken: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/x-www-form-urlencoded": components["schemas"]["AccessTokenRequest"];
      };
    };
    responses: {
      /** @description The token, with the installation it belongs to. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "access_token": "ab12dc0ae1234a7898f9ff06d4f69gh",
           *       "token_type": "Bearer",
           *       "expires_in": 86399,
           *       "refresh_token": "xy34dc0ae1234a4858f9ff06d4f66ba",
           *       "scope": "conversations/message.readonly conversations/message.write",
           *       "userType": "Location",
           *       "locationId": "l1C08ntBrFjLS0elLIYU",
           *       "companyId": "l1C08ntBrFjLS0elLIYU",
           *       "approvedLocations": [
           *         "l1C08ntBrFjLS0elLIYU"
           *       ],
           *       "userId": "l1C08ntBrFjLS0elLIYU",
           *       "planId": "l1C08ntBrFjLS0elLIYU",
           *       "isBulkInstallation": false,
           *       "installToFutureLocations": true,
           *       "approveAllLocations": true
           *     }
           */
          "application/json": components["schemas"]["AccessTokenResponse"];
        };
      };
      /**
       * @description The request was refused. `Invalid grant: refresh token is invalid` means the refresh
       *     token is unknown, expired or already used: the app must be authorized again.
       *     `Location is not active` is temporary: the same refresh token works again once the
       *     Location is reactivated.
       */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "message": "Invalid grant: refresh token is invalid"
           *     }
           */
          "application/json": components["schemas"]["BadRequestError"];
        };
      };
      401: components["responses"]["Unauthorized"];
      422: components["responses"]["UnprocessableEntity"];
    };
  };
  getLocationAccessToken: {
    parameters: {
      query?: never;
      header: {
        /**
         * @description API version of the agency-token operations.
         * @example 2021-07-28
         */
        Version: components["parameters"]["Version"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "companyId": "tDtDnQdgm2LXpyiqYvZ6",
         *       "locationId": "l1C08ntBrFjLS0elLIYU"
         *     }
         */
        "application/x-www-form-urlencoded": components["schemas"]["LocationTokenRequest"];
      };
    };
    responses: {
      /** @description The Location token. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "access_token": "ab12dc0ae1234a7898f9ff06d4f69gh",
           *       "token_type": "Bearer",
           *       "expires_in": 86399,
           *       "scope": "conversations/message.readonly conversations/message.write",
           *       "locationId": "l1C08ntBrFjLS0elLIYU",
           *       "planId": "l1C08ntBrFjLS0elLIYU",
           *       "userId": "l1C08ntBrFjLS0elLIYU",
           *       "appId": "6578278e879ad2646715ba9c",
           *       "versionId": "6578278e879ad2646715ba9c"
           *     }
           */
          "application/json": components["schemas"]["LocationTokenResponse"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      422: components["responses"]["UnprocessableEntity"];
    };
  };
  getInstalledLocations: {
    parameters: {
      query: {
        /**
         * @description How many Locations to skip.
         * @example 1
         */
        skip?: string;
        /**
         * @description How many Locations to return.
         * @example 10
         */
        limit?: string;
        /**
         * @description Search by Location name.
         * @example location name
         */
        query?: string;
        /**
         * @description Only the Locations the app is installed on.
         * @example true
         */
        isInstalled?: boolean;
        /**
         * @description The agency whose Locations are listed.
         * @example tDtDnQdgm2LXpyiqYvZ6
         */
        companyId: string;
        /**
         * @description The app to report on.
         * @example tDtDnQdgm2LXpyiqYvZ6
         */
        appId: string;
        /**
         * @description Only the Locations running this version of the app.
         * @example tDtDnQdgm2LXpyiqYvZ6
         */
        versionId?: string;
        /**
         * @description Only the Locations where the app is installed on a trial.
         * @example true
         */
        onTrial?: boolean;
        /**
         * @description Only the Locations where the app is installed on this plan.
         * @example 66a0419a0dffa47fb5f8b22f
         */
        planId?: string;
        /**
         * @description One Location ID.
         * @example 1245
         */
        locationId?: string;
      };
      header: {
        /**
         * @description API version of the agency-token operations.
         * @example 2021-07-28
         */
        Version: components["parameters"]["Version"];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of Locations. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "locations": [
           *         {
           *           "_id": "0IHuJvc2ofPAAA8GzTRi",
           *           "name": "John Deo",
           *           "address": "47 W 13th St, New York, NY 10011, USA",
           *           "isInstalled": true,
           *           "versionId": "6578278e879ad2646715ba9c",
           *           "installedAt": "2024-01-15T10:30:00.000Z"
           *         }
           *       ],
           *       "count": 1231,
           *       "installToFutureLocations": true
           *     }
           */
          "application/json": components["schemas"]["InstalledLocationsPage"];
        };
      };
      400: components["responses"]["BadRequest"];
      401: components["responses"]["Unauthorized"];
      422: components["responses"]["UnprocessableEntity"];
    };
  };
}
