/**
 * The shop's data: an in-memory store, seeded when the module loads. A real function would talk
 * to DynamoDB or a database; the routes only see these functions, so swapping the store changes
 * nothing else.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** A registered user. The password is kept only as a salted scrypt hash. */
export interface User {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly passwordHash: string;
}

/** What registering a user needs. */
export interface NewUser {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly password: string;
}

/** A product for sale; prices are integers in cents, so totals never meet rounding. */
export interface Product {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number;
}

/** One line of an order, priced when the order was placed. */
export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
  readonly lineTotalCents: number;
}

/** A placed order. */
export interface Order {
  readonly id: string;
  readonly cartId: string;
  readonly lines: readonly OrderLine[];
  readonly totalCents: number;
}

const users = new Map<string, User>();
const products = new Map<string, Product>();
const orders = new Map<string, Order>();
let nextUser = 1;
let nextOrder = 1;

function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

/** True when `password` is the one `user` registered with. */
export function passwordMatches(user: User, password: string): boolean {
  const [salt = '', hash = ''] = user.passwordHash.split(':');
  return timingSafeEqual(
    Buffer.from(hash, 'hex'),
    scryptSync(password, Buffer.from(salt, 'hex'), 32),
  );
}

/** Emails are compared without regard to case: `Ada@Example.com` is `ada@example.com`. */
function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The user with this id, if any. */
export function findUser(id: string): User | undefined {
  return users.get(id);
}

/** The user registered with this email (in any case), if any. */
export function findUserByEmail(email: string): User | undefined {
  for (const user of users.values()) if (sameEmail(user.email, email)) return user;
  return undefined;
}

/** Stores a new user under the next id (`u-2`, `u-3`…) and returns it. */
export function insertUser(input: NewUser): User {
  const user: User = {
    id: `u-${String(nextUser++)}`,
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    passwordHash: hashPassword(input.password),
  };
  users.set(user.id, user);
  return user;
}

/** The product with this id, if any. */
export function findProduct(id: string): Product | undefined {
  return products.get(id);
}

/** Stores an order under the next id (`o-1`, `o-2`…) and returns it. */
export function insertOrder(input: Omit<Order, 'id'>): Order {
  const order: Order = { id: `o-${String(nextOrder++)}`, ...input };
  orders.set(order.id, order);
  return order;
}

/** The order with this id, if any. */
export function findOrder(id: string): Order | undefined {
  return orders.get(id);
}

/**
 * Empties the store and seeds it again: user `u-1` (ada@example.com) and products `p-1` and
 * `p-2`. Runs when the module loads; tests call it to start each case from the same data.
 */
export function resetStore(): void {
  users.clear();
  products.clear();
  orders.clear();
  nextUser = 1;
  nextOrder = 1;
  insertUser({
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    password: 'engine-1843',
  });
  products.set('p-1', { id: 'p-1', name: 'Difference engine gear', priceCents: 1250 });
  products.set('p-2', { id: 'p-2', name: 'Punched card deck', priceCents: 399 });
}

resetStore();
