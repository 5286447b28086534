/** Authentication with signed JWT bearer tokens and the role rules applied to every route. */
package io.custodia.gateway.auth;
