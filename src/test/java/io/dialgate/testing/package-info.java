/** Test resources: a real redis-server, the Genesys simulator, and clients for dialgate's API. */
package io.dialgate.testing;
