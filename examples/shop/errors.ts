/**
 * The shop's domain errors and the one error map that says what each becomes on the wire. Routes
 * return these errors; they never pick a status themselves.
 */
import { TaggedError, errorMap } from '../../src/index.js';

/** No user has this id. */
export class UserNotFound extends TaggedError('UserNotFound')<{ readonly id: string }> {}

/** Another user already registered with this email. */
export class EmailTaken extends TaggedError('EmailTaken')<{ readonly email: string }> {}

/**
 * An order line names a product the shop does not sell. `index` is the line's position in the
 * order, so the checkout route can point the client at `/items/{index}/productId`. One checkout
 * answers every unknown product at once, so that route turns these into a list of problems itself
 * (see `routes/checkout.ts`) and they are not in {@link shopErrors}.
 */
export class ProductNotFound extends TaggedError('ProductNotFound')<{
  readonly productId: string;
  readonly index: number;
}> {}

/** The domain errors routes return on the `Err` side, mapped by {@link shopErrors}. */
export type ShopError = UserNotFound | EmailTaken;

/** How every mapped domain error is answered; shared by every route of the router. */
export const shopErrors = errorMap<ShopError>({
  UserNotFound: { status: 404, detail: (e) => `No user has the id "${e.id}".` },
  EmailTaken: {
    status: 409,
    detail: (e) => `A user with the email "${e.email}" is already registered.`,
  },
});
